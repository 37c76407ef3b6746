using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using TorchSharp;

namespace Kit.Learning;

/// <summary>
/// Where networks run: <c>cpu</c>, <c>cuda</c> (the GPU; an error when libtorch sees none) or <c>auto</c> (the GPU
/// when <c>torch.cuda.is_available()</c>, else the CPU). The kit is built with the CPU libtorch by default;
/// <c>dotnet build -p:TorchBackend=cuda</c> on a machine with CUDA 12.8 builds it with the CUDA one (README,
/// environment.md). Serialises to JSON as its name.
/// </summary>
[JsonConverter(typeof(DeviceSettingJsonConverter))]
public sealed class DeviceSetting
{
    private DeviceSetting(string name) => Name = name;

    /// <summary>The CPU, always available.</summary>
    public static DeviceSetting Cpu { get; } = new("cpu");

    /// <summary>The GPU (CUDA); resolving it fails when libtorch sees no GPU.</summary>
    public static DeviceSetting Cuda { get; } = new("cuda");

    /// <summary>The GPU when libtorch sees one, else the CPU.</summary>
    public static DeviceSetting Auto { get; } = new("auto");

    /// <summary>Every choice, in the order help texts list them.</summary>
    public static IReadOnlyList<DeviceSetting> Choices { get; } = [Cpu, Cuda, Auto];

    /// <summary>The setting's name: <c>cpu</c>, <c>cuda</c> or <c>auto</c>.</summary>
    public string Name { get; }

    /// <summary>
    /// The libtorch this build of the kit carries (the <c>TorchBackend</c> MSBuild property it was built with):
    /// <c>cpu</c> or <c>cuda</c>.
    /// </summary>
    public static string BuildBackend { get; } =
        typeof(DeviceSetting)
            .Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "TorchBackend")
            ?.Value
        ?? "cpu";

    /// <summary>Parses <c>cpu</c>, <c>cuda</c> or <c>auto</c> (case-insensitive, surrounding blanks ignored).</summary>
    /// <exception cref="ArgumentException">Any other text (the message lists the choices).</exception>
    public static DeviceSetting Parse(string text) =>
        TryParse(text, out var setting)
            ? setting
            : throw new ArgumentException(
                $"device '{text}': expected one of {string.Join(", ", Choices.Select(c => c.Name))}",
                nameof(text)
            );

    /// <summary>Parses like <see cref="Parse"/>; false for any other text.</summary>
    public static bool TryParse(string? text, out DeviceSetting setting)
    {
        var name = text?.Trim().ToLowerInvariant();
        setting = Choices.FirstOrDefault(c => c.Name == name)!;
        return setting != null;
    }

    /// <summary>
    /// The libtorch device this setting means on this machine now: <c>cpu</c> → CPU; <c>cuda</c> → the current
    /// CUDA device; <c>auto</c> → CUDA when available, else CPU.
    /// </summary>
    /// <exception cref="DeviceUnavailableException"><c>cuda</c> and libtorch sees no GPU (the message says why and what to do).</exception>
    public torch.Device Resolve()
    {
        if (this == Cpu)
            return torch.CPU;
        bool gpu = CudaAvailable();
        if (gpu)
            return torch.CUDA;
        if (this == Auto)
            return torch.CPU;
        throw new DeviceUnavailableException(
            BuildBackend == "cuda"
                ? "device 'cuda' was asked for, but libtorch sees no GPU (torch.cuda.is_available() is false): "
                    + "check the NVIDIA driver and CUDA 12.8 (nvidia-smi) and CUDA_VISIBLE_DEVICES, or use device 'cpu' or 'auto'"
                : "device 'cuda' was asked for, but this build of the kit uses the CPU libtorch; build with "
                    + "-p:TorchBackend=cuda on a machine with CUDA, see README (\"Device setting\"), or use device 'cpu' or 'auto'"
        );
    }

    /// <summary>Whether libtorch sees a GPU (loads libtorch, after the kit's OpenMP setting is in place).</summary>
    public static bool CudaAvailable()
    {
        // libtorch's OpenMP reads OMP_WAIT_POLICY when it loads: set it before the first call into libtorch.
        TorchSetup.SetNativeEnvironment("OMP_WAIT_POLICY", "PASSIVE");
        return torch.cuda.is_available();
    }

    /// <summary>The name.</summary>
    public override string ToString() => Name;

    private sealed class DeviceSettingJsonConverter : JsonConverter<DeviceSetting>
    {
        public override DeviceSetting Read(
            ref Utf8JsonReader reader,
            Type typeToConvert,
            JsonSerializerOptions options
        )
        {
            var text =
                reader.TokenType == JsonTokenType.String
                    ? reader.GetString()
                    : throw new JsonException(
                        $"a device setting is a string ({string.Join(", ", Choices.Select(c => c.Name))})"
                    );
            return TryParse(text, out var setting)
                ? setting
                : throw new JsonException(
                    $"device '{text}': expected one of {string.Join(", ", Choices.Select(c => c.Name))}"
                );
        }

        public override void Write(
            Utf8JsonWriter writer,
            DeviceSetting value,
            JsonSerializerOptions options
        ) => writer.WriteStringValue(value.Name);
    }
}
