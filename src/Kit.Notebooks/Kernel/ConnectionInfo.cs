using System.Text.Json;
using System.Text.Json.Serialization;

namespace Kit.Notebooks.Kernel;

/// <summary>
/// A Jupyter connection file: where the kernel binds its five sockets and how messages are signed.
/// </summary>
/// <param name="Transport"><c>tcp</c> or <c>ipc</c>.</param>
/// <param name="IP">Address to bind, e.g. <c>127.0.0.1</c>.</param>
/// <param name="ShellPort">Port of the shell (ROUTER) socket.</param>
/// <param name="ControlPort">Port of the control (ROUTER) socket.</param>
/// <param name="IOPubPort">Port of the iopub (PUB) socket.</param>
/// <param name="StdinPort">Port of the stdin (ROUTER) socket.</param>
/// <param name="HeartbeatPort">Port of the heartbeat (echo) socket.</param>
/// <param name="Key">HMAC key; empty disables signing.</param>
/// <param name="SignatureScheme">Only <c>hmac-sha256</c> is supported.</param>
public sealed record ConnectionInfo(
    [property: JsonPropertyName("transport")] string Transport,
    [property: JsonPropertyName("ip")] string IP,
    [property: JsonPropertyName("shell_port")] int ShellPort,
    [property: JsonPropertyName("control_port")] int ControlPort,
    [property: JsonPropertyName("iopub_port")] int IOPubPort,
    [property: JsonPropertyName("stdin_port")] int StdinPort,
    [property: JsonPropertyName("hb_port")] int HeartbeatPort,
    [property: JsonPropertyName("key")] string Key,
    [property: JsonPropertyName("signature_scheme")] string SignatureScheme
)
{
    /// <summary>The signature scheme the kit implements.</summary>
    public const string HmacSha256 = "hmac-sha256";

    /// <summary>ZeroMQ address of a port, e.g. <c>tcp://127.0.0.1:5555</c> (ipc uses Jupyter's <c>ip-port</c> path).</summary>
    public string Address(int port) =>
        Transport == "ipc" ? $"ipc://{IP}-{port}" : $"{Transport}://{IP}:{port}";

    /// <summary>Reads and checks a connection file.</summary>
    /// <exception cref="FormatException">The file is not a usable connection file (the message names it and the field).</exception>
    public static ConnectionInfo Load(string path)
    {
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new FormatException($"{path}: cannot read the connection file: {e.Message}", e);
        }
        return Parse(json, path);
    }

    /// <summary>Parses connection-file JSON; <paramref name="source"/> names it in errors.</summary>
    /// <exception cref="FormatException">Malformed JSON, a missing port, or an unsupported scheme or transport.</exception>
    public static ConnectionInfo Parse(string json, string source = "connection file")
    {
        ConnectionInfo? info;
        try
        {
            info = JsonSerializer.Deserialize<ConnectionInfo>(json);
        }
        catch (JsonException e)
        {
            throw new FormatException($"{source}: not valid connection JSON: {e.Message}", e);
        }
        if (info is null)
            throw new FormatException($"{source}: empty connection file");
        info = info with
        {
            Transport = string.IsNullOrEmpty(info.Transport) ? "tcp" : info.Transport,
            IP = string.IsNullOrEmpty(info.IP) ? "127.0.0.1" : info.IP,
            Key = info.Key ?? "",
            SignatureScheme = string.IsNullOrEmpty(info.SignatureScheme)
                ? HmacSha256
                : info.SignatureScheme,
        };
        if (info.Transport is not ("tcp" or "ipc"))
            throw new FormatException(
                $"{source}: transport '{info.Transport}' is not supported (tcp or ipc)"
            );
        if (info.Key.Length > 0 && info.SignatureScheme != HmacSha256)
            throw new FormatException(
                $"{source}: signature_scheme '{info.SignatureScheme}' is not supported ({HmacSha256})"
            );
        foreach (
            var (name, port) in new[]
            {
                ("shell_port", info.ShellPort),
                ("control_port", info.ControlPort),
                ("iopub_port", info.IOPubPort),
                ("stdin_port", info.StdinPort),
                ("hb_port", info.HeartbeatPort),
            }
        )
            if (port is <= 0 or > 65535)
                throw new FormatException($"{source}: {name} is missing or not a valid port");
        return info;
    }
}
