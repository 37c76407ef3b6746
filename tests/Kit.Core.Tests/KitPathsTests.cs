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

    [Fact]
    public void SharedIsTheEnvironmentFolderElseSharedBesideTheRoot()
    {
        // parent/repo/Kit.sln and parent/shared/: the developers' and CI's layout.
        var parent = Directory.CreateTempSubdirectory("kit-parent-").FullName;
        var root = Directory.CreateDirectory(Path.Combine(parent, "repo")).FullName;
        File.WriteAllText(Path.Combine(root, "Kit.sln"), "");
        var savedShared = Environment.GetEnvironmentVariable(KitPaths.SharedVariable);
        var savedRoot = Environment.GetEnvironmentVariable(KitPaths.RootVariable);
        try
        {
            Environment.SetEnvironmentVariable(KitPaths.SharedVariable, null);
            Environment.SetEnvironmentVariable(KitPaths.RootVariable, null);
            Assert.Null(KitPaths.Shared(root)); // no shared/ yet
            var shared = Directory.CreateDirectory(Path.Combine(parent, "shared")).FullName;
            Assert.Equal(shared, KitPaths.Shared(root));
            // without a root argument: the root found as Root() finds it (NEURONKIT_ROOT here)
            Environment.SetEnvironmentVariable(KitPaths.RootVariable, root);
            Assert.Equal(shared, KitPaths.Shared());

            var elsewhere = Directory.CreateTempSubdirectory("kit-shared-").FullName;
            Environment.SetEnvironmentVariable(KitPaths.SharedVariable, elsewhere);
            Assert.Equal(elsewhere, KitPaths.Shared(root));
            // a variable naming a missing folder means absent, not a fallback to ../shared
            Environment.SetEnvironmentVariable(
                KitPaths.SharedVariable,
                Path.Combine(elsewhere, "missing")
            );
            Assert.Null(KitPaths.Shared(root));
        }
        finally
        {
            Environment.SetEnvironmentVariable(KitPaths.SharedVariable, savedShared);
            Environment.SetEnvironmentVariable(KitPaths.RootVariable, savedRoot);
        }
    }
}
