using Kit.Core;

namespace Kit.Core.Tests;

[Collection("environment")]
public class KitPathsTests
{
    [Fact]
    public void RootIsTheNearestAncestorHoldingKitSln()
    {
        var root = Directory.CreateTempSubdirectory("kit-root-").FullName;
        File.WriteAllText(Path.Combine(root, "Kit.sln"), "");
        var nested = Directory.CreateDirectory(Path.Combine(root, "notebooks", "deep")).FullName;
        var saved = Environment.GetEnvironmentVariable(KitPaths.RootVariable);
        try
        {
            Environment.SetEnvironmentVariable(KitPaths.RootVariable, null);
            Assert.Equal(root, KitPaths.Root(nested));
            Assert.Equal(
                Path.Combine(root, "figures", "01-integrate-and-fire"),
                KitPaths.Figures("01-integrate-and-fire", KitPaths.Root(nested))
            );
            var other = Directory.CreateTempSubdirectory("kit-other-").FullName;
            Environment.SetEnvironmentVariable(KitPaths.RootVariable, other);
            Assert.Equal(other, KitPaths.Root(nested));
        }
        finally
        {
            Environment.SetEnvironmentVariable(KitPaths.RootVariable, saved);
        }
    }

    [Fact]
    public void MissingRootGivesAnErrorNamingTheFolder()
    {
        var lonely = Directory.CreateTempSubdirectory("kit-lonely-").FullName;
        Assert.Null(KitPaths.FindRoot(lonely));
        var saved = Environment.GetEnvironmentVariable(KitPaths.RootVariable);
        try
        {
            Environment.SetEnvironmentVariable(KitPaths.RootVariable, null);
            var ex = Assert.Throws<DirectoryNotFoundException>(() => KitPaths.Root(lonely));
            Assert.Contains(lonely, ex.Message);
            Assert.Contains("NEURONKIT_ROOT", ex.Message);
        }
        finally
        {
            Environment.SetEnvironmentVariable(KitPaths.RootVariable, saved);
        }
    }
}
