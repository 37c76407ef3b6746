using Kit.Learning;
using Kit.Learning.Models;

namespace Kit.Cli.Commands;

/// <summary>
/// A command's <c>--model DIR</c> read as a usage error when it fails: one line naming the folder or file and what is
/// wrong with it, no stack trace (<c>kit evaluate</c>, <c>kit bench surrogate</c>).
/// </summary>
internal static class ModelFolderLoading
{
    /// <summary>
    /// The model folder <paramref name="folder"/> on the CPU, or null after writing the reason to
    /// <paramref name="error"/> (missing, a file, a foreign or corrupt model.json, truncated or mismatched weights).
    /// </summary>
    public static SavedModel? TryLoad(string folder, TextWriter error)
    {
        try
        {
            return ModelFolder.Load(folder);
        }
        catch (Exception e)
            when (e is InvalidDataException or IOException or DeviceUnavailableException)
        {
            error.WriteLine(e.Message);
            return null;
        }
    }
}
