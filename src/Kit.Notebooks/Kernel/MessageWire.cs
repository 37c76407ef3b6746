using System.Text;
using System.Text.Json.Nodes;
using NetMQ;

namespace Kit.Notebooks.Kernel;

/// <summary>
/// The ZeroMQ wire format of Jupyter messages: identities, <c>&lt;IDS|MSG&gt;</c>, the HMAC signature, header,
/// parent header, metadata, content, then buffers.
/// </summary>
public static class MessageWire
{
    /// <summary>The delimiter between routing identities and the message.</summary>
    public const string Delimiter = "<IDS|MSG>";

    private static readonly byte[] delimiterBytes = Encoding.ASCII.GetBytes(Delimiter);

    /// <summary>Encodes and signs a message into frames.</summary>
    public static NetMQMessage Encode(JupyterMessage message, MessageSigner signer)
    {
        byte[][] parts =
        [
            Json(message.Header),
            Json(message.ParentHeader),
            Json(message.Metadata),
            Json(message.Content),
        ];
        var frames = new NetMQMessage();
        foreach (var id in message.Identities)
            frames.Append(id);
        frames.Append(delimiterBytes);
        frames.Append(signer.Sign(parts));
        foreach (var p in parts)
            frames.Append(p);
        foreach (var b in message.Buffers)
            frames.Append(b);
        return frames;
    }

    /// <summary>
    /// Decodes frames into a message after checking the signature. Returns null and sets
    /// <paramref name="problem"/> when the frames are malformed or wrongly signed.
    /// </summary>
    public static JupyterMessage? Decode(
        NetMQMessage frames,
        MessageSigner signer,
        out string? problem
    )
    {
        var all = frames.Select(f => f.ToByteArray()).ToList();
        var delimiter = all.FindIndex(f => f.AsSpan().SequenceEqual(delimiterBytes));
        if (delimiter < 0 || all.Count < delimiter + 6)
        {
            problem = $"malformed message ({all.Count} frames, delimiter at {delimiter})";
            return null;
        }
        var signature = Encoding.ASCII.GetString(all[delimiter + 1]);
        byte[][] parts = [.. all.Skip(delimiter + 2).Take(4)];
        if (!signer.Verify(signature, parts))
        {
            problem = "invalid HMAC signature";
            return null;
        }
        try
        {
            var message = new JupyterMessage
            {
                Identities = all.Take(delimiter).ToList(),
                Header = Parse(parts[0]),
                ParentHeader = Parse(parts[1]),
                Metadata = Parse(parts[2]),
                Content = Parse(parts[3]),
                Buffers = all.Skip(delimiter + 6).ToList(),
            };
            problem = null;
            return message;
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException)
        {
            problem = $"malformed JSON frame: {e.Message}";
            return null;
        }
    }

    private static byte[] Json(JsonObject o) => Encoding.UTF8.GetBytes(o.ToJsonString());

    private static JsonObject Parse(byte[] bytes) =>
        bytes.Length == 0
            ? []
            : JsonNode.Parse(bytes) as JsonObject
                ?? throw new InvalidOperationException("frame is not a JSON object");
}
