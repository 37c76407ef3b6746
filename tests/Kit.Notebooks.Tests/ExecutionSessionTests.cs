using Kit.Core;
using Kit.Notebooks.Execution;
using Kit.Notebooks.Format;

namespace Kit.Notebooks.Tests;

/// <summary>In the process-state collection: cells set the global KitCancellation token.</summary>
[Collection(ProcessStateCollection.Name)]
public class ExecutionSessionTests
{
    [Fact]
    public async Task State_carries_across_cells_and_trailing_expression_is_the_result()
    {
        var s = new ExecutionSession();
        var a = await s.ExecuteAsync("var x = 20;\nint Twice(int v) => 2 * v;");
        Assert.True(a.Succeeded, a.Error?.ToString());
        var b = await s.ExecuteAsync("x += 1;\nTwice(x)");
        Assert.True(b.Succeeded, b.Error?.ToString());
        var result = Assert.Single(b.Outputs);
        Assert.Equal(NotebookOutput.ExecuteResult, result.OutputType);
        Assert.Equal("42", result.PlainText);
        Assert.Equal(2, result.ExecutionCount);
        Assert.True(s.TryGetVariable("x", out var type, out var value));
        Assert.Equal(typeof(int), type);
        Assert.Equal(21, value);
    }

    [Fact]
    public async Task Console_output_is_captured_per_cell_and_coalesced()
    {
        var s = new ExecutionSession();
        var r = await s.ExecuteAsync(
            "Console.Write(\"a\"); Console.WriteLine(\"b\"); Console.Error.WriteLine(\"oops\"); Console.WriteLine(1);\n"
                + "await Task.Run(() => Console.WriteLine(\"from task\"));"
        );
        Assert.True(r.Succeeded, r.Error?.ToString());
        Assert.Collection(
            r.Outputs,
            o => Assert.Equal(("stdout", "ab\n"), (o.Name, o.Text)),
            o => Assert.Equal(("stderr", "oops\n"), (o.Name, o.Text)),
            o => Assert.Equal(("stdout", "1\nfrom task\n"), (o.Name, o.Text))
        );
    }

    [Fact]
    public async Task Display_and_update_display_replace_in_place_across_cells()
    {
        var s = new ExecutionSession();
        var a = await s.ExecuteAsync("var h = display(\"first\");");
        Assert.True(a.Succeeded, a.Error?.ToString());
        var shown = Assert.Single(a.Outputs);
        Assert.Equal(NotebookOutput.DisplayData, shown.OutputType);
        Assert.NotNull(shown.DisplayId);
        Assert.Equal("first", shown.PlainText);
        var b = await s.ExecuteAsync("h.Update(\"second\");\nKit.Core.Display.Show(3)");
        Assert.True(b.Succeeded, b.Error?.ToString());
        Assert.Equal("second", shown.PlainText);
        Assert.Equal("3", Assert.Single(b.Outputs).PlainText); // the handle is not echoed as a result
    }

    [Fact]
    public async Task Compilation_errors_name_the_cell_line_and_column()
    {
        var s = new ExecutionSession();
        var r = await s.ExecuteAsync("#!csharp\nvar a = 1;\nvar b = a + missing;");
        Assert.Equal(CellStatus.Error, r.Status);
        Assert.Equal("CompilationError", r.Error!.Name);
        Assert.Equal(3, r.Error.Line);
        Assert.Contains("line 3:13", r.Error.Message);
        Assert.Contains("CS0103", r.Error.Message);
        Assert.Equal(NotebookOutput.Error, r.Outputs[^1].OutputType);
    }

    [Fact]
    public async Task Runtime_errors_point_at_the_cell_line_and_keep_earlier_state()
    {
        var s = new ExecutionSession();
        Assert.True((await s.ExecuteAsync("var kept = 5;")).Succeeded);
        var r = await s.ExecuteAsync(
            "void Boom() => throw new InvalidOperationException(\"bad\");\n\nBoom();"
        );
        Assert.Equal(CellStatus.Error, r.Status);
        Assert.Equal("System.InvalidOperationException", r.Error!.Name);
        Assert.Equal("bad", r.Error.Message);
        Assert.Contains(r.Error.Traceback, l => l.Contains("Boom in cell [2], line 1"));
        Assert.Contains(r.Error.Traceback, l => l.Contains("<cell> in cell [2], line 3"));
        var after = await s.ExecuteAsync("kept * 2");
        Assert.Equal("10", after.Outputs.Single().PlainText);
    }

    [Fact]
    public async Task A_derived_notebook_stop_ends_the_cell_stopped_with_its_message_and_no_frames()
    {
        var s = new ExecutionSession();
        Assert.True((await s.ExecuteAsync("var kept = 5;")).Succeeded);
        var heard = new RecordingListener();
        var r = await s.ExecuteAsync(
            "class DataNotFound(string m) : NotebookStopException(m);\n"
                + "void Load() => throw new DataNotFound(\"Put cell1.asc in data/morphologies/.\");\n"
                + "Console.WriteLine(\"loading\");\nLoad();",
            listener: heard
        );
        Assert.Equal(CellStatus.Stopped, r.Status);
        Assert.False(r.Succeeded);
        Assert.Equal(CellError.StopName, r.Error!.Name);
        Assert.Equal("Put cell1.asc in data/morphologies/.", r.Error.Message);
        Assert.Equal(["Put cell1.asc in data/morphologies/."], r.Error.Traceback);
        Assert.Null(r.Error.Line);
        // The output is the message as a plain stderr stream, no error output (no traceback to show).
        Assert.Collection(
            r.Outputs,
            o => Assert.Equal(("stdout", "loading\n"), (o.Name, o.Text)),
            o =>
                Assert.Equal(("stderr", "Put cell1.asc in data/morphologies/.\n"), (o.Name, o.Text))
        );
        // A listener (the kernel) hears the cell's own output, not the stop's message: the kernel sends that as the error.
        Assert.Equal(["loading\n"], heard.Texts);
        // The session goes on: the user puts the data in place and runs the cell again.
        Assert.Equal("10", (await s.ExecuteAsync("kept * 2")).Outputs.Single().PlainText);
    }

    [Theory]
    [InlineData(
        "throw new InvalidOperationException(\"while loading\", new NotebookStopException(\"no data\"));"
    )]
    [InlineData("Parallel.Invoke(() => throw new NotebookStopException(\"no data\"));")]
    [InlineData(
        "throw new AggregateException(new NotebookStopException(\"no data\"), new NotebookStopException(\"nor this\"));"
    )]
    [InlineData(
        "typeof(Stopper).GetMethod(\"Stop\")!.Invoke(null, null);\nstatic class Stopper { public static void Stop() => throw new NotebookStopException(\"no data\"); }"
    )]
    public async Task A_wrapped_notebook_stop_is_still_a_stop(string code)
    {
        var r = await new ExecutionSession().ExecuteAsync(code);
        Assert.Equal(CellStatus.Stopped, r.Status);
        Assert.Equal(["no data"], r.Error!.Traceback);
        Assert.Equal("no data\n", r.Outputs.Single().Text);
    }

    [Fact]
    public async Task An_ordinary_exception_or_a_stop_beside_one_is_still_an_error_with_a_traceback()
    {
        var s = new ExecutionSession();
        var plain = await s.ExecuteAsync("throw new FileNotFoundException(\"cell1.asc\");");
        Assert.Equal(CellStatus.Error, plain.Status);
        Assert.Equal("System.IO.FileNotFoundException", plain.Error!.Name);
        Assert.Contains(plain.Error.Traceback, l => l.Contains("<cell> in cell [1], line 1"));
        Assert.Equal(NotebookOutput.Error, plain.Outputs[^1].OutputType);

        var mixed = await s.ExecuteAsync(
            "throw new AggregateException(new NotebookStopException(\"no data\"), new InvalidOperationException(\"bug\"));"
        );
        Assert.Equal(CellStatus.Error, mixed.Status);
        Assert.Equal("System.AggregateException", mixed.Error!.Name);
    }

    [Fact]
    public async Task Magic_lines_and_nuget_references_are_handled_like_polyglot()
    {
        var s = new ExecutionSession();
        var ok = await s.ExecuteAsync(
            "#!about\n#r \"nuget: xunit.assert, 2.9.3\"\n#!csharp\n1 + 1"
        );
        Assert.True(ok.Succeeded, ok.Error?.ToString());
        Assert.Contains("ignored", ok.Outputs[0].Text);
        Assert.Equal("2", ok.Outputs[^1].PlainText);

        var bad = await s.ExecuteAsync("#r \"nuget: Some.Package.Not.Here, 1.0.0\"\n1");
        Assert.Equal(CellStatus.Error, bad.Status);
        Assert.Contains("NuGet references are not supported", bad.Error!.Message);

        var html = await s.ExecuteAsync("#!html\n<b>hi</b>");
        Assert.Contains("'html' kernel", html.Error!.Message);
    }

    [Fact]
    public async Task Cancellation_token_reaches_the_cell()
    {
        var s = new ExecutionSession();
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        var r = await s.ExecuteAsync("1", cts.Token).ContinueWith(t => t.IsCanceled);
        Assert.True(r);
        using var cts2 = new CancellationTokenSource();
        var r2 = await s.ExecuteAsync(
            "var t = KitCancellation.Token; var same = t == CancellationToken; same",
            cts2.Token
        );
        Assert.Equal("True", r2.Outputs.Single().PlainText);
    }

    [Fact]
    public async Task A_cell_observing_the_token_is_cancelled()
    {
        var s = new ExecutionSession();
        using var cts = new CancellationTokenSource();
        // Cancel once the cell runs (a timer could fire before a slow machine has compiled it).
        var r = await s.ExecuteAsync(
            "Console.WriteLine(\"started\"); while (true) { KitCancellation.Token.ThrowIfCancellationRequested(); await Task.Delay(10); }",
            cts.Token,
            new CancelOnFirstOutput(cts)
        );
        Assert.Equal(CellStatus.Cancelled, r.Status);
        Assert.Equal(CancellationToken.None, KitCancellation.Token);
        Assert.True((await s.ExecuteAsync("1")).Succeeded);
    }

    [Fact]
    public async Task Polyglot_style_display_extension_and_formatters_are_used()
    {
        DisplayFormatters.Register<Uri>(u =>
            MimeBundle.Html($"<a href='{u}'>{u.Host}</a>", u.Host)
        );
        var s = new ExecutionSession();
        var r = await s.ExecuteAsync(
            "new Uri(\"https://example.org/x\").Display();\nnew Uri(\"https://example.com/\")"
        );
        Assert.True(r.Succeeded, r.Error?.ToString());
        Assert.Equal(NotebookOutput.DisplayData, r.Outputs[0].OutputType);
        Assert.Equal("example.org", r.Outputs[0].PlainText);
        Assert.Equal(
            "<a href='https://example.com/'>example.com</a>",
            r.Outputs[1].Data!["text/html"]!.GetValue<string>()
        );
    }

    [Fact]
    public void Default_usings_include_kit_namespaces()
    {
        Assert.Contains("Kit.Core", ExecutionSession.DefaultImports);
        Assert.Contains("Kit.Notebooks.Format", ExecutionSession.DefaultImports);
        Assert.DoesNotContain("Kit.Notebooks.Tests", ExecutionSession.DefaultImports);
    }

    private sealed class RecordingListener : IExecutionListener
    {
        public List<string?> Texts { get; } = [];

        public void OnOutput(NotebookOutput output)
        {
            lock (Texts)
                Texts.Add(output.Text);
        }

        public void OnDisplayUpdate(string displayId, MimeBundle bundle) { }
    }

    private sealed class CancelOnFirstOutput(CancellationTokenSource cts) : IExecutionListener
    {
        public void OnOutput(NotebookOutput output) => cts.Cancel();

        public void OnDisplayUpdate(string displayId, MimeBundle bundle) { }
    }
}
