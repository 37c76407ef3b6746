using Kit.Notebooks.Kernel;

namespace Kit.Notebooks.Tests.Kernel;

public class KernelSpecTests
{
    [Fact]
    public void Launcher_is_the_apphost_alone_or_dotnet_with_kit_dll()
    {
        Assert.Equal(["/opt/kit/kit"], KernelSpec.Launcher("/opt/kit/kit", "/opt/kit/kit.dll"));
        Assert.Equal(
            ["/usr/share/dotnet/dotnet", "/opt/kit/kit.dll"],
            KernelSpec.Launcher("/usr/share/dotnet/dotnet", "/opt/kit/kit.dll")
        );
        var relative = KernelSpec.Launcher("bin/kit", null);
        Assert.True(Path.IsPathRooted(relative[0]));
        Assert.Throws<InvalidOperationException>(() =>
            KernelSpec.Launcher("/usr/bin/dotnet", null)
        );
        Assert.Equal(
            ["/opt/kit/kit", "kernel", "start", "--connection-file", "{connection_file}"],
            KernelSpec.Argv(["/opt/kit/kit"])
        );
    }

    [SkippableFact]
    public void User_folder_honours_JUPYTER_DATA_DIR_then_XDG_DATA_HOME_then_home()
    {
        Skip.If(OperatingSystem.IsWindows() || OperatingSystem.IsMacOS(), "Linux layout");
        string? Env(Dictionary<string, string> d, string name) => d.GetValueOrDefault(name);
        var all = new Dictionary<string, string>
        {
            ["JUPYTER_DATA_DIR"] = "/j",
            ["XDG_DATA_HOME"] = "/x",
            ["HOME"] = "/h",
        };
        Assert.Equal("/j/kernels", KernelSpec.KernelsDirectory(true, null, n => Env(all, n)));
        all.Remove("JUPYTER_DATA_DIR");
        Assert.Equal(
            "/x/jupyter/kernels",
            KernelSpec.KernelsDirectory(true, null, n => Env(all, n))
        );
        all.Remove("XDG_DATA_HOME");
        Assert.Equal(
            "/h/.local/share/jupyter/kernels",
            KernelSpec.KernelsDirectory(true, null, n => Env(all, n))
        );
        Assert.Equal(
            "/p/share/jupyter/kernels",
            KernelSpec.KernelsDirectory(false, "/p", _ => "/j")
        );
        Assert.Equal(
            "/usr/local/share/jupyter/kernels",
            KernelSpec.KernelsDirectory(false, null, _ => "/j")
        );
    }

    [Fact]
    public void Install_writes_kernel_json_with_message_interrupts()
    {
        var dir = Path.Combine(Path.GetTempPath(), "nk-spec-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var folder = KernelSpec.Install(dir, ["/opt/kit/kit"]);
            Assert.Equal(Path.Combine(dir, "neuronkit"), folder);
            var json = System.Text.Json.Nodes.JsonNode.Parse(
                File.ReadAllText(Path.Combine(folder, "kernel.json"))
            )!;
            Assert.Equal("C# (NeuronKit)", json["display_name"]!.GetValue<string>());
            Assert.Equal("C#", json["language"]!.GetValue<string>());
            Assert.Equal("message", json["interrupt_mode"]!.GetValue<string>());
            Assert.Equal("{connection_file}", json["argv"]![4]!.GetValue<string>());
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
