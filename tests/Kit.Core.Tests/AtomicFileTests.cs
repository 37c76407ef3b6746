using Kit.Core;

namespace Kit.Core.Tests;

public class AtomicFileTests
{
    private readonly string dir = Directory.CreateTempSubdirectory("kit-atomic-").FullName;

    [Fact]
    public void WritesContentAndLeavesNoTemporaryFile()
    {
        var path = Path.Combine(dir, "sub", "a.txt");
        AtomicFile.WriteAllText(path, "hello");
        Assert.Equal("hello", File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(Path.Combine(dir, "sub")));
    }

    [Fact]
    public void FailedWriteKeepsThePreviousFile()
    {
        var path = Path.Combine(dir, "b.txt");
        AtomicFile.WriteAllText(path, "old");
        var ex = Assert.Throws<InvalidOperationException>(() =>
            AtomicFile.Write(
                path,
                s =>
                {
                    s.Write("new partial"u8);
                    throw new InvalidOperationException("disk full");
                }
            )
        );
        Assert.Equal("disk full", ex.Message);
        Assert.Equal("old", File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(dir));
    }
}
