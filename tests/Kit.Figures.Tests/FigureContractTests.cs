using System.Reflection;
using System.Text.Json;
using Kit.Core;
using Kit.Notebooks.Format;

namespace Kit.Figures.Tests;

/// <summary>
/// The figure layer's contract, checked for every figure found in Kit.Figures: adding a figure folder whose config
/// or metrics break the contract, or forgetting its notebook, fails here.
/// </summary>
public sealed class FigureContractTests
{
    private static readonly Assembly Figures = typeof(IFigureConfig).Assembly;

    public static TheoryData<string> ConfigTypes() => [.. ConfigTypeNames()];

    public static TheoryData<string> MetricsTypes() => [.. MetricsTypeNames()];

    private static IEnumerable<string> ConfigTypeNames() =>
        Figures
            .GetTypes()
            .Where(t =>
                t.GetInterfaces()
                    .Any(i =>
                        i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IFigureConfig<>)
                    )
            )
            .Select(t => t.FullName!);

    private static IEnumerable<string> MetricsTypeNames() =>
        Figures
            .GetTypes()
            .Where(t => t.IsSubclassOf(typeof(FigureMetrics)) && !t.IsAbstract)
            .Select(t => t.FullName!);

    [Fact]
    public void FigureOneAndS1FollowTheContract()
    {
        Assert.Contains(typeof(Fig1.Fig1Config).FullName!, ConfigTypeNames());
        Assert.Contains(typeof(S1.S1Config).FullName!, ConfigTypeNames());
        Assert.Contains(typeof(Fig1.Fig1Metrics).FullName!, MetricsTypeNames());
        Assert.Contains(typeof(S1.S1Metrics).FullName!, MetricsTypeNames());
    }

    [Theory]
    [MemberData(nameof(ConfigTypes))]
    public void PresetsCarryTheirProfileAndSerialise(string typeName)
    {
        var type = Figures.GetType(typeName)!;
        var check = typeof(FigureContractTests)
            .GetMethod(nameof(CheckPresets), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(type);
        check.Invoke(null, []);
    }

    private static void CheckPresets<T>()
        where T : class, IFigureConfig<T>
    {
        foreach (
            var (profile, preset) in new[]
            {
                ("smoke", T.Smoke),
                ("course", T.Course),
                ("paper", T.Paper),
            }
        )
        {
            Assert.Equal(profile, preset.Profile);
            Assert.Same(preset, T.For(profile));
            // config.json and cache keys are the record's JSON: every part of it must serialise.
            using var json = JsonDocument.Parse(JsonSerializer.Serialize(preset, typeof(T)));
            Assert.Equal(profile, json.RootElement.GetProperty("Profile").GetString());
            // No field may serialise as an empty object (a value tuple does, silently losing the value).
            foreach (var p in json.RootElement.EnumerateObject())
                Assert.False(
                    p.Value.ValueKind == JsonValueKind.Object && !p.Value.EnumerateObject().Any(),
                    $"{typeof(T).Name}.{p.Name} serialises as {{}}"
                );
        }
        var e = Assert.Throws<ArgumentException>(() => T.For("huge"));
        Assert.Contains("smoke, course, paper", e.Message);
    }

    [Theory]
    [MemberData(nameof(ConfigTypes))]
    public void EachFigureHasItsNotebookWithAProfileParameter(string typeName)
    {
        var type = Figures.GetType(typeName)!;
        var name = (string)
            type.GetProperty("FigureName", BindingFlags.Public | BindingFlags.Static)!
                .GetValue(null)!;
        var root = KitPaths.FindRoot(AppContext.BaseDirectory)!;
        var path = Path.Combine(root, "notebooks", name + ".ipynb");
        Assert.True(File.Exists(path), $"{typeName}: no notebook {path}");
        var notebook = NotebookDocument.Load(path);
        var parameters = notebook.Cells.First(c => c.Tags.Contains("parameters"));
        Assert.Contains("string profile = Profiles.Default;", parameters.Source);
    }

    [Theory]
    [MemberData(nameof(MetricsTypes))]
    public void PaperKeysAreMetricsKeys(string typeName)
    {
        var type = Figures.GetType(typeName)!;
        var keys = type.GetProperties()
            .Select(p =>
                p.GetCustomAttribute<System.Text.Json.Serialization.JsonPropertyNameAttribute>()?.Name
            )
            .Where(n => n != null)
            .ToHashSet();
        Assert.Contains("profile", keys);
        // The paper's values are stated per type (they may not depend on a run), so an empty instance has them.
        var blank = (FigureMetrics)
            System.Runtime.CompilerServices.RuntimeHelpers.GetUninitializedObject(type);
        foreach (var key in blank.Paper?.Keys ?? [])
            Assert.True(
                keys.Contains(key),
                $"{type.Name}: paper key '{key}' is not one of its metrics"
            );
    }
}
