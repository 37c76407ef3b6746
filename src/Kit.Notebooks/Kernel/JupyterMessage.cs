using System.Globalization;
using System.Text.Json.Nodes;

namespace Kit.Notebooks.Kernel;

/// <summary>
/// One Jupyter message (protocol 5.3): routing identities, header, parent header, metadata, content and
/// binary buffers. JSON parts are kept as <see cref="JsonObject"/>s so unknown fields pass through.
/// </summary>
public sealed class JupyterMessage
{
    /// <summary>The protocol version the kit speaks.</summary>
    public const string ProtocolVersion = "5.3";

    /// <summary>ZeroMQ routing identities (ROUTER sockets) or the topic (iopub).</summary>
    public IReadOnlyList<byte[]> Identities { get; init; } = [];

    /// <summary><c>msg_id</c>, <c>session</c>, <c>username</c>, <c>date</c>, <c>msg_type</c>, <c>version</c>.</summary>
    public JsonObject Header { get; init; } = [];

    /// <summary>The header of the request this message answers, or empty.</summary>
    public JsonObject ParentHeader { get; init; } = [];

    /// <summary>Message metadata.</summary>
    public JsonObject Metadata { get; init; } = [];

    /// <summary>The content, whose shape depends on <see cref="MessageType"/>.</summary>
    public JsonObject Content { get; init; } = [];

    /// <summary>Extra binary frames.</summary>
    public IReadOnlyList<byte[]> Buffers { get; init; } = [];

    /// <summary><c>header.msg_type</c>.</summary>
    public string MessageType => Header["msg_type"]?.GetValue<string>() ?? "";

    /// <summary><c>header.msg_id</c>.</summary>
    public string MessageId => Header["msg_id"]?.GetValue<string>() ?? "";

    /// <summary><c>header.session</c>.</summary>
    public string Session => Header["session"]?.GetValue<string>() ?? "";

    /// <summary>A new header of type <paramref name="messageType"/> for <paramref name="session"/>.</summary>
    public static JsonObject NewHeader(
        string messageType,
        string session,
        string username = "kernel"
    ) =>
        new()
        {
            ["msg_id"] = Guid.NewGuid().ToString("N"),
            ["session"] = session,
            ["username"] = username,
            ["date"] = DateTimeOffset.UtcNow.ToString(
                "yyyy-MM-ddTHH:mm:ss.ffffffZ",
                CultureInfo.InvariantCulture
            ),
            ["msg_type"] = messageType,
            ["version"] = ProtocolVersion,
        };

    /// <summary>
    /// A message of type <paramref name="messageType"/> answering <paramref name="parent"/> (its header becomes
    /// the parent header and its identities the route), in session <paramref name="session"/>.
    /// </summary>
    public static JupyterMessage Reply(
        JupyterMessage? parent,
        string messageType,
        JsonObject content,
        string session,
        IReadOnlyList<byte[]>? identities = null
    ) =>
        new()
        {
            Identities = identities ?? parent?.Identities ?? [],
            Header = NewHeader(
                messageType,
                session,
                parent?.Header["username"]?.GetValue<string>() ?? "kernel"
            ),
            ParentHeader = parent is null ? [] : (JsonObject)parent.Header.DeepClone(),
            Content = content,
        };
}
