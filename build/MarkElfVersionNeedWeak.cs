// MSBuild task compiled by RoslynCodeTaskFactory (see TorchSharpNative.targets).
//
// TorchSharp 0.107.0's libLibTorchSharp.so asks for GLIBCXX_3.4.32 only through one unused symbol
// (_ZSt21ios_base_library_initv). Debian 12 and Ubuntu 22.04 ship libstdc++ with 3.4.30, so the dynamic loader
// refuses the library and TorchSharp reports a misleading "doesn't contain a reference to libtorch-cpu" error.
// Setting VER_FLG_WEAK on that one version-need entry turns the hard failure into no failure at all
// (glibc only warns about weak versions under LD_WARN). The task patches copies in build outputs, never the
// NuGet cache, and is idempotent.
using System;
using System.IO;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

public class MarkElfVersionNeedWeak : Task
{
    /// <summary>ELF shared objects to patch (missing files are skipped).</summary>
    [Required]
    public ITaskItem[] Files { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>Semicolon-separated version names to mark weak, e.g. GLIBCXX_3.4.32.</summary>
    [Required]
    public string Versions { get; set; } = "";

    private const uint ShtGnuVerneed = 0x6ffffffe;
    private const ushort VerFlgWeak = 0x2;

    public override bool Execute()
    {
        var wanted = Versions.Split(new[] { ';' }, StringSplitOptions.RemoveEmptyEntries);
        foreach (var item in Files)
        {
            var path = item.ItemSpec;
            if (!File.Exists(path))
                continue;
            try
            {
                var bytes = File.ReadAllBytes(path);
                var changed = Patch(bytes, wanted, path);
                if (changed > 0)
                {
                    var tmp = path + ".weak-tmp";
                    File.WriteAllBytes(tmp, bytes);
                    File.Copy(tmp, path, true);
                    File.Delete(tmp);
                    Log.LogMessage(
                        MessageImportance.High,
                        $"TorchSharp native fix: marked {changed} version need(s) weak in {path}"
                    );
                }
            }
            catch (InvalidDataException e)
            {
                Log.LogError($"{path}: {e.Message}");
            }
        }
        return !Log.HasLoggedErrors;
    }

    private int Patch(byte[] b, string[] wanted, string path)
    {
        if (
            b.Length < 64
            || b[0] != 0x7f
            || b[1] != (byte)'E'
            || b[2] != (byte)'L'
            || b[3] != (byte)'F'
        )
            throw new InvalidDataException("not an ELF file");
        if (b[4] != 2 || b[5] != 1)
            return 0; // only little-endian ELF64 (linux-x64) needs and gets the fix
        long shoff = (long)BitConverter.ToUInt64(b, 0x28);
        int shentsize = BitConverter.ToUInt16(b, 0x3A);
        int shnum = BitConverter.ToUInt16(b, 0x3C);
        int changed = 0;
        for (int i = 0; i < shnum; i++)
        {
            long sh = shoff + (long)i * shentsize;
            if (sh + 64 > b.Length)
                throw new InvalidDataException($"section header {i} lies outside the file");
            if (BitConverter.ToUInt32(b, (int)sh + 4) != ShtGnuVerneed)
                continue;
            long offset = (long)BitConverter.ToUInt64(b, (int)sh + 0x18);
            int link = (int)BitConverter.ToUInt32(b, (int)sh + 0x28);
            int count = (int)BitConverter.ToUInt32(b, (int)sh + 0x2C);
            long strsh = shoff + (long)link * shentsize;
            long strOffset = (long)BitConverter.ToUInt64(b, (int)strsh + 0x18);
            long vn = offset;
            for (int n = 0; n < count; n++)
            {
                int cnt = BitConverter.ToUInt16(b, (int)vn + 2);
                long aux = vn + BitConverter.ToUInt32(b, (int)vn + 8);
                for (int a = 0; a < cnt; a++)
                {
                    ushort flags = BitConverter.ToUInt16(b, (int)aux + 4);
                    string name = ReadString(b, strOffset + BitConverter.ToUInt32(b, (int)aux + 8));
                    if (Array.IndexOf(wanted, name) >= 0 && (flags & VerFlgWeak) == 0)
                    {
                        var patched = BitConverter.GetBytes((ushort)(flags | VerFlgWeak));
                        b[aux + 4] = patched[0];
                        b[aux + 5] = patched[1];
                        changed++;
                    }
                    aux += BitConverter.ToUInt32(b, (int)aux + 12);
                }
                vn += BitConverter.ToUInt32(b, (int)vn + 12);
            }
        }
        return changed;
    }

    private static string ReadString(byte[] b, long offset)
    {
        long end = offset;
        while (end < b.Length && b[end] != 0)
            end++;
        return Encoding.ASCII.GetString(b, (int)offset, (int)(end - offset));
    }
}
