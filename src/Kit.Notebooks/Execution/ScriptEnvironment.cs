using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;

namespace Kit.Notebooks.Execution;

/// <summary>
/// What every cell compiles against: the app's trusted platform assemblies plus every managed DLL in
/// <see cref="AppContext.BaseDirectory"/>, and default usings (System basics, <c>Kit.Core</c> and every public
/// <c>Kit.*</c> namespace of the kit assemblies found there, discovered from metadata so new namespaces come
/// for free). Kit assemblies are loaded by file, and their module initializers run, so they can register
/// display formatters without the engine referencing them at compile time.
/// </summary>
internal static class ScriptEnvironment
{
    private static readonly Lazy<Snapshot> snapshot = new(
        Build,
        LazyThreadSafetyMode.ExecutionAndPublication
    );

    /// <summary>The usings every session starts with.</summary>
    public static readonly string[] BaseImports =
    [
        "System",
        "System.Collections.Generic",
        "System.IO",
        "System.Linq",
        "System.Threading",
        "System.Threading.Tasks",
        "Kit.Core",
    ];

    /// <summary>Metadata references of all cells.</summary>
    public static IReadOnlyList<MetadataReference> References => snapshot.Value.References;

    /// <summary>Default usings of all cells.</summary>
    public static IReadOnlyList<string> Imports => snapshot.Value.Imports;

    /// <summary>Kit assemblies that could not be loaded (with the reason); shown once per session.</summary>
    public static IReadOnlyList<string> Warnings => snapshot.Value.Warnings;

    /// <summary>Simple names (file names without .dll) of all referenced assemblies, for <c>#r "nuget:"</c> checks.</summary>
    public static IReadOnlySet<string> AssemblyNames => snapshot.Value.Names;

    private sealed record Snapshot(
        IReadOnlyList<MetadataReference> References,
        IReadOnlyList<string> Imports,
        IReadOnlyList<string> Warnings,
        IReadOnlySet<string> Names
    );

    private static Snapshot Build()
    {
        var paths = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") is string tpa)
            foreach (var p in tpa.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
                paths.TryAdd(Path.GetFileNameWithoutExtension(p), p);
        var baseDir = AppContext.BaseDirectory;
        foreach (var p in Directory.EnumerateFiles(baseDir, "*.dll"))
            if (IsManaged(p))
                paths.TryAdd(Path.GetFileNameWithoutExtension(p), p);

        var warnings = new List<string>();
        var imports = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (name, path) in paths.Where(p => IsKitAssembly(p.Key)).OrderBy(p => p.Key))
        {
            foreach (var ns in PublicNamespaces(path))
                if (ns == "Kit" || ns.StartsWith("Kit.", StringComparison.Ordinal))
                    imports.Add(ns);
            try
            {
                var asm = Load(name, path);
                RuntimeHelpers.RunModuleConstructor(asm.ManifestModule.ModuleHandle);
            }
            catch (Exception e)
            {
                warnings.Add($"{name}: {e.GetType().Name}: {e.Message}");
            }
        }
        var references = paths
            .Values.Select(p =>
                (MetadataReference)
                    MetadataReference.CreateFromFile(p, documentation: Documentation(p))
            )
            .ToList();
        var allImports = BaseImports.Concat(imports.Where(i => !BaseImports.Contains(i))).ToList();
        return new Snapshot(
            references,
            allImports,
            warnings,
            paths.Keys.ToHashSet(StringComparer.OrdinalIgnoreCase)
        );
    }

    /// <summary>
    /// The XML documentation beside an assembly (kit assemblies and most packages ship it), so inspection shows
    /// summaries. Roslyn's own provider reads it lazily, on the first symbol asked about.
    /// </summary>
    private static DocumentationProvider? Documentation(string assemblyPath)
    {
        var xml = Path.ChangeExtension(assemblyPath, ".xml");
        return File.Exists(xml) ? XmlDocumentationProvider.CreateFromFile(xml) : null;
    }

    /// <summary>Kit.* assemblies except test projects (their namespaces would leak into notebooks).</summary>
    private static bool IsKitAssembly(string name) =>
        name.StartsWith("Kit.", StringComparison.Ordinal)
        && !name.EndsWith(".Tests", StringComparison.Ordinal);

    private static Assembly Load(string name, string path)
    {
        var loaded = AppDomain
            .CurrentDomain.GetAssemblies()
            .FirstOrDefault(a =>
                string.Equals(a.GetName().Name, name, StringComparison.OrdinalIgnoreCase)
            );
        if (loaded != null)
            return loaded;
        try
        {
            return AssemblyLoadContext.Default.LoadFromAssemblyName(new AssemblyName(name));
        }
        catch (FileNotFoundException)
        {
            return AssemblyLoadContext.Default.LoadFromAssemblyPath(path);
        }
    }

    private static bool IsManaged(string path)
    {
        try
        {
            using var fs = File.OpenRead(path);
            using var pe = new PEReader(fs);
            return pe.HasMetadata && pe.GetMetadataReader().IsAssembly;
        }
        catch (Exception e)
            when (e
                    is BadImageFormatException
                        or IOException
                        or UnauthorizedAccessException
                        or InvalidOperationException
            )
        {
            return false;
        }
    }

    private static IEnumerable<string> PublicNamespaces(string path)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            using var fs = File.OpenRead(path);
            using var pe = new PEReader(fs);
            var md = pe.GetMetadataReader();
            foreach (var h in md.TypeDefinitions)
            {
                var t = md.GetTypeDefinition(h);
                if (
                    (t.Attributes & TypeAttributes.VisibilityMask) == TypeAttributes.Public
                    && !t.Namespace.IsNil
                )
                    result.Add(md.GetString(t.Namespace));
            }
        }
        catch (Exception e)
            when (e is BadImageFormatException or IOException or InvalidOperationException)
        {
            // Not readable metadata: contributes no usings.
        }
        return result;
    }
}
