using System.Text;
using Kit.Notebooks.Kernel;

namespace Kit.Notebooks.Tests.Kernel;

public class ProtocolTests
{
    [Fact]
    public void Signature_is_the_hex_hmac_sha256_of_the_four_frames()
    {
        byte[][] frames =
        [
            .. new[] { "{\"a\":1}", "{}", "{}", "{\"b\":2}" }.Select(Encoding.UTF8.GetBytes),
        ];
        var signer = new MessageSigner("secret");
        using var hmac = new System.Security.Cryptography.HMACSHA256(
            Encoding.UTF8.GetBytes("secret")
        );
        var expected = Convert.ToHexStringLower(
            hmac.ComputeHash(frames.SelectMany(f => f).ToArray())
        );
        Assert.Equal(expected, signer.Sign(frames));
        Assert.True(signer.Verify(expected, frames));
        Assert.False(
            signer.Verify(
                expected,
                [frames[0], frames[1], frames[2], Encoding.UTF8.GetBytes("{\"b\":3}")]
            )
        );
        Assert.False(new MessageSigner("other").Verify(expected, frames));
        Assert.True(new MessageSigner("").Verify("", frames)); // no key: unsigned
    }

    [Fact]
    public void Wire_round_trip_keeps_identities_and_refuses_tampering()
    {
        var signer = new MessageSigner("k");
        var message = new JupyterMessage
        {
            Identities =
            [
                [1, 2, 3],
            ],
            Header = JupyterMessage.NewHeader("execute_request", "s"),
            Content = new() { ["code"] = "1" },
        };
        var frames = MessageWire.Encode(message, signer);
        var back = MessageWire.Decode(frames, signer, out var problem);
        Assert.Null(problem);
        Assert.Equal(new byte[] { 1, 2, 3 }, Assert.Single(back!.Identities));
        Assert.Equal("execute_request", back.MessageType);
        Assert.Equal("1", back.Content["code"]!.GetValue<string>());

        Assert.Null(MessageWire.Decode(frames, new MessageSigner("other"), out problem));
        Assert.Contains("signature", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Connection_file_is_parsed_and_bad_files_name_the_field()
    {
        var info = ConnectionInfo.Parse(
            """{"shell_port":1,"iopub_port":2,"stdin_port":3,"control_port":4,"hb_port":5,"ip":"127.0.0.1","key":"abc","transport":"tcp","signature_scheme":"hmac-sha256","kernel_name":"neuronkit"}"""
        );
        Assert.Equal("tcp://127.0.0.1:4", info.Address(info.ControlPort));
        Assert.Equal("abc", info.Key);
        var e = Assert.Throws<FormatException>(() =>
            ConnectionInfo.Parse(
                """{"shell_port":1,"iopub_port":2,"stdin_port":3,"control_port":4,"key":""}""",
                "x.json"
            )
        );
        Assert.Contains("x.json: hb_port", e.Message, StringComparison.Ordinal);
        Assert.Throws<FormatException>(() =>
            ConnectionInfo.Parse(
                """{"shell_port":1,"iopub_port":2,"stdin_port":3,"control_port":4,"hb_port":5,"key":"k","signature_scheme":"hmac-md5"}"""
            )
        );
    }
}
