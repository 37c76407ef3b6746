using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Kit.Plots;

/// <summary>
/// One headless Chromium kept open for many renders, driven over the Chrome DevTools Protocol (CDP): the browser
/// listens on a loopback port (<c>--remote-debugging-port=0</c>, the port it chose read from its
/// "DevTools listening on ws://..." line), and the kit talks to its one page over a WebSocket, one command at a
/// time. Starting Chromium and parsing plotly.js cost about two seconds; a session pays them once for a whole
/// figure instead of once per panel and format.
/// <para>
/// Every failure (Chromium missing its line, a command past its time limit, the browser gone, a protocol error) is
/// a <see cref="TimeoutException"/>, <see cref="InvalidOperationException"/> or <see cref="IOException"/>; after
/// one the session is <see cref="Broken"/> and should be disposed. Disposing kills the browser and deletes its
/// temporary profile.
/// </para>
/// </summary>
internal sealed partial class ChromiumSession : IDisposable
{
    private readonly Process process;
    private readonly DirectoryInfo profile;
    private readonly ClientWebSocket socket = new();
    private readonly StringBuilder stderr = new();
    private int nextId;

    private ChromiumSession(Process process, DirectoryInfo profile)
    {
        this.process = process;
        this.profile = profile;
    }

    /// <summary>True after a failure: the session's state is unknown and it should be disposed.</summary>
    public bool Broken { get; private set; }

    /// <summary>The kit's fixed Chromium flags (headless, no sandbox, no network services, a throw-away profile).</summary>
    internal static IEnumerable<string> Flags(string profileDir) =>
        [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--no-default-browser-check",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-extensions",
            "--disable-dev-shm-usage",
            "--hide-scrollbars",
            "--mute-audio",
            "--allow-file-access-from-files",
            $"--user-data-dir={profileDir}",
        ];

    /// <summary>
    /// Starts Chromium on <c>about:blank</c> and connects to its page. Throws as the class says, within
    /// <paramref name="timeout"/>.
    /// </summary>
    public static ChromiumSession Start(string exe, TimeSpan timeout)
    {
        var profile = Directory.CreateTempSubdirectory("neuronkit-chromium-");
        var psi = new ProcessStartInfo(exe)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        foreach (var flag in Flags(profile.FullName))
            psi.ArgumentList.Add(flag);
        psi.ArgumentList.Add("--remote-debugging-port=0");
        psi.ArgumentList.Add("about:blank");

        Process process;
        try
        {
            process =
                Process.Start(psi) ?? throw new InvalidOperationException($"could not start {exe}");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            DeleteQuietly(profile);
            throw new InvalidOperationException($"could not start {exe}: {e.Message}", e);
        }
        var session = new ChromiumSession(process, profile);
        try
        {
            session.Connect(exe, timeout);
            return session;
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    private void Connect(string exe, TimeSpan timeout)
    {
        var endpoint = new TaskCompletionSource<Uri>(
            TaskCreationOptions.RunContinuationsAsynchronously
        );
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                endpoint.TrySetException(
                    new InvalidOperationException(
                        $"{exe} exited before it opened its DevTools port: {Tail(StderrText())}"
                    )
                );
                return;
            }
            lock (stderr)
                stderr.Append(e.Data).Append('\n');
            var m = DevToolsLine().Match(e.Data);
            if (m.Success)
                endpoint.TrySetResult(new Uri(m.Groups[1].Value));
        };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();

        using var cts = new CancellationTokenSource(timeout);
        try
        {
            var browser = endpoint.Task.WaitAsync(cts.Token).GetAwaiter().GetResult();
            var page = PageEndpoint(browser, cts.Token).GetAwaiter().GetResult();
            socket.Options.KeepAliveInterval = TimeSpan.Zero;
            socket.ConnectAsync(page, cts.Token).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException(
                $"{exe} did not open its DevTools port within {timeout.TotalSeconds:0} s: {Tail(StderrText())}"
            );
        }
        catch (Exception e) when (e is HttpRequestException or WebSocketException)
        {
            throw new IOException($"could not connect to {exe}'s DevTools port: {e.Message}", e);
        }
    }

    /// <summary>The WebSocket address of the browser's page, from its <c>/json/list</c> endpoint.</summary>
    private static async Task<Uri> PageEndpoint(Uri browser, CancellationToken token)
    {
        using var http = new HttpClient();
        var list = new UriBuilder("http", browser.Host, browser.Port, "/json/list").Uri;
        // The page target can appear a moment after the port opens.
        while (true)
        {
            var json = await http.GetStringAsync(list, token).ConfigureAwait(false);
            foreach (var target in JsonNode.Parse(json)?.AsArray() ?? [])
                if (
                    target?["type"]?.GetValue<string>() == "page"
                    && target["webSocketDebuggerUrl"]?.GetValue<string>() is { } url
                )
                    return new Uri(url);
            await Task.Delay(50, token).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Sends one CDP command to the page and returns its <c>result</c> object. A protocol error, or a
    /// <c>Runtime.evaluate</c> whose script threw, is an <see cref="InvalidOperationException"/> with the message.
    /// </summary>
    public JsonElement Call(string method, object? parameters, TimeSpan timeout)
    {
        if (Broken)
            throw new InvalidOperationException("the Chromium session failed earlier");
        try
        {
            using var cts = new CancellationTokenSource(timeout);
            return CallAsync(method, parameters, cts.Token).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            Broken = true;
            throw new TimeoutException(
                $"Chromium did not answer {method} within {timeout.TotalSeconds:0} s"
            );
        }
        catch (WebSocketException e)
        {
            Broken = true;
            throw new IOException(
                $"lost Chromium during {method}: {e.Message} {Tail(StderrText())}".TrimEnd(),
                e
            );
        }
        catch (InvalidOperationException)
        {
            Broken = true;
            throw;
        }
        catch (Exception e) when (e is ArgumentException or JsonException)
        {
            // A message System.Text.Json cannot write or read (a string over its ~166 MB limit, say).
            Broken = true;
            throw new InvalidOperationException($"{method} failed: {e.Message}", e);
        }
    }

    /// <summary>
    /// Evaluates <paramref name="expression"/> in the page, awaiting it if it is a promise, and returns its value
    /// (JSON-serialisable values only). A script error is an <see cref="InvalidOperationException"/> with the
    /// script's message.
    /// </summary>
    public JsonElement Evaluate(string expression, TimeSpan timeout)
    {
        var result = Call(
            "Runtime.evaluate",
            new
            {
                expression,
                awaitPromise = true,
                returnByValue = true,
            },
            timeout
        );
        if (result.TryGetProperty("exceptionDetails", out var error))
        {
            Broken = true;
            var text =
                error.TryGetProperty("exception", out var ex)
                && ex.TryGetProperty("description", out var d)
                    ? d.GetString()
                    : error.GetProperty("text").GetString();
            throw new InvalidOperationException($"script failed in Chromium: {First(text ?? "")}");
        }
        return result.GetProperty("result").TryGetProperty("value", out var value)
            ? value.Clone()
            : default;
    }

    /// <summary>
    /// Loads <paramref name="url"/> in the page and waits for its <c>load</c> event (so its scripts have run).
    /// </summary>
    public void Navigate(Uri url, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        var result = Call("Page.navigate", new { url = url.AbsoluteUri }, timeout);
        if (result.TryGetProperty("errorText", out var error))
        {
            Broken = true;
            throw new InvalidOperationException(
                $"Chromium could not load {url}: {error.GetString()}"
            );
        }
        Evaluate(
            "new Promise(function (r) { if (document.readyState === 'complete') r(true); "
                + "else addEventListener('load', function () { r(true); }); })",
            Remaining(timeout, clock)
        );
    }

    private static TimeSpan Remaining(TimeSpan timeout, Stopwatch clock) =>
        timeout - clock.Elapsed > TimeSpan.FromSeconds(1)
            ? timeout - clock.Elapsed
            : TimeSpan.FromSeconds(1);

    private async Task<JsonElement> CallAsync(
        string method,
        object? parameters,
        CancellationToken token
    )
    {
        var id = ++nextId;
        var message = JsonSerializer.SerializeToUtf8Bytes(
            new
            {
                id,
                method,
                @params = parameters ?? new { },
            }
        );
        await socket
            .SendAsync(message, WebSocketMessageType.Text, endOfMessage: true, token)
            .ConfigureAwait(false);
        var buffer = new byte[1 << 16];
        using var received = new MemoryStream();
        while (true)
        {
            received.SetLength(0);
            WebSocketReceiveResult part;
            do
            {
                part = await socket.ReceiveAsync(buffer, token).ConfigureAwait(false);
                if (part.MessageType == WebSocketMessageType.Close)
                    throw new WebSocketException("Chromium closed the DevTools connection");
                received.Write(buffer, 0, part.Count);
            } while (!part.EndOfMessage);
            using var doc = JsonDocument.Parse(received.ToArray());
            var root = doc.RootElement;
            // Events (no id) and answers to earlier commands are not this call's.
            if (!root.TryGetProperty("id", out var got) || got.GetInt32() != id)
                continue;
            if (root.TryGetProperty("error", out var error))
                throw new InvalidOperationException(
                    $"Chromium refused {method}: {error.GetProperty("message").GetString()}"
                );
            return root.GetProperty("result").Clone();
        }
    }

    /// <summary>Kills the browser and deletes its profile.</summary>
    public void Dispose()
    {
        socket.Dispose();
        try
        {
            if (!process.HasExited)
                process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
        }
        catch (InvalidOperationException) { }
        catch (System.ComponentModel.Win32Exception) { }
        process.Dispose();
        DeleteQuietly(profile);
    }

    private static void DeleteQuietly(DirectoryInfo dir)
    {
        try
        {
            dir.Delete(recursive: true);
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    private string StderrText()
    {
        lock (stderr)
            return stderr.ToString();
    }

    private static string Tail(string s) => s.Length <= 600 ? s.Trim() : s[^600..].Trim();

    private static string First(string s) => s.Length <= 300 ? s : s[..300] + "...";

    [GeneratedRegex(@"DevTools listening on (ws://\S+)")]
    private static partial Regex DevToolsLine();
}
