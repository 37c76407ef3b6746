using System.Security.Cryptography;
using System.Text;

namespace Kit.Notebooks.Kernel;

/// <summary>
/// HMAC-SHA256 signatures of Jupyter messages: the lower-case hex digest of header, parent header, metadata and
/// content frames, in that order. With an empty key messages are unsigned and every signature is accepted.
/// </summary>
public sealed class MessageSigner(string key)
{
    private readonly byte[] key = Encoding.UTF8.GetBytes(key);

    /// <summary>True when messages are signed (the key is not empty).</summary>
    public bool Enabled => key.Length > 0;

    /// <summary>The signature of the four frames (empty when signing is disabled).</summary>
    public string Sign(ReadOnlySpan<byte[]> frames)
    {
        if (!Enabled)
            return "";
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
        foreach (var f in frames)
            hmac.AppendData(f);
        return Convert.ToHexStringLower(hmac.GetHashAndReset());
    }

    /// <summary>Whether <paramref name="signature"/> is right for the frames (compared in constant time).</summary>
    public bool Verify(string signature, ReadOnlySpan<byte[]> frames)
    {
        if (!Enabled)
            return true;
        var expected = Encoding.ASCII.GetBytes(Sign(frames));
        var actual = Encoding.ASCII.GetBytes(signature.ToLowerInvariant());
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }
}
