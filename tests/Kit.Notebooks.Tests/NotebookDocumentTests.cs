using System.Text.Json.Nodes;
using Kit.Core;
using Kit.Notebooks.Format;

namespace Kit.Notebooks.Tests;

public class NotebookDocumentTests
{
    private const string Jupyter = """
        {
         "cells": [
          {
           "cell_type": "markdown",
           "id": "m1",
           "metadata": {"custom": {"keep": [1, 2]}},
           "source": "# Title\nline two",
           "attachments": {"a.png": {"image/png": "AAAA"}}
          },
          {
           "cell_type": "code",
           "execution_count": 3,
           "id": "c1",
           "metadata": {"tags": ["parameters"], "polyglot_notebook": {"kernelName": "csharp"}},
           "outputs": [
            {"name": "stdout", "output_type": "stream", "text": ["a\n", "b\n"]},
            {"data": {"text/plain": ["42"], "application/vnd.plotly.v1+json": {"data": [], "layout": {}}}, "execution_count": 3, "metadata": {}, "output_type": "execute_result"},
            {"data": {"text/html": "<b>x</b>"}, "metadata": {"isolated": true}, "output_type": "display_data"},
            {"ename": "E", "evalue": "v", "output_type": "error", "traceback": ["t1", "t2"]}
           ],
           "source": ["string profile = \"course\";\n", "var seed = 1;"]
          }
         ],
         "metadata": {"kernelspec": {"name": "neuronkit"}, "unknown_tool": {"x": true}},
         "nbformat": 4,
         "nbformat_minor": 5,
         "extra_top": 1
        }
        """;

    [Fact]
    public void Reads_sources_outputs_tags_and_keeps_unknown_metadata()
    {
        var doc = NotebookDocument.Parse(Jupyter);
        Assert.Equal(2, doc.Cells.Count);
        var code = doc.Cells[1];
        Assert.Equal("string profile = \"course\";\nvar seed = 1;", code.Source);
        Assert.Equal(["parameters"], code.Tags);
        Assert.Equal(3, code.ExecutionCount);
        Assert.Equal("a\nb\n", code.Outputs[0].Text);
        Assert.Equal("42", code.Outputs[1].PlainText);
        Assert.IsType<JsonObject>(code.Outputs[1].Data!["application/vnd.plotly.v1+json"]);
        Assert.Equal(["t1", "t2"], code.Outputs[3].Traceback);
        Assert.True(doc.Metadata["unknown_tool"]!["x"]!.GetValue<bool>());
    }

    [Fact]
    public void Round_trip_is_stable_and_written_like_jupyter()
    {
        var once = NotebookDocument.Parse(Jupyter).ToJson();
        var twice = NotebookDocument.Parse(once).ToJson();
        Assert.Equal(once, twice);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(Normalize(Jupyter)), JsonNode.Parse(once)));
        Assert.StartsWith("{\n \"cells\": [\n  {\n", once);
        Assert.EndsWith("}\n", once);
        Assert.Contains(
            "\"source\": [\n    \"string profile = \\\"course\\\";\\n\",\n    \"var seed = 1;\"\n   ]",
            once
        );
    }

    // Jupyter's own representation: multiline strings as lists of lines.
    private static string Normalize(string json)
    {
        var node = JsonNode.Parse(json)!;
        node["cells"]![0]!["source"] = new JsonArray("# Title\n", "line two");
        node["cells"]![1]!["outputs"]![2]!["data"]!["text/html"] = new JsonArray("<b>x</b>");
        return node.ToJsonString();
    }

    [Fact]
    public void New_notebooks_carry_kernel_and_polyglot_metadata()
    {
        var doc = NotebookDocument.Create(NotebookCell.NewCode("1"));
        var m = doc.Metadata;
        Assert.Equal("neuronkit", m["kernelspec"]!["name"]!.GetValue<string>());
        Assert.Equal("C# (NeuronKit)", m["kernelspec"]!["display_name"]!.GetValue<string>());
        Assert.Equal("C#", m["language_info"]!["name"]!.GetValue<string>());
        Assert.Equal(
            "csharp",
            m["polyglot_notebook"]!["kernelInfo"]!["defaultKernelName"]!.GetValue<string>()
        );
        Assert.Equal(
            "csharp",
            doc.Cells[0].Metadata["polyglot_notebook"]!["kernelName"]!.GetValue<string>()
        );
    }

    [Fact]
    public void Save_writes_atomically_and_load_reads_back()
    {
        var dir = Path.Combine(Path.GetTempPath(), "nk-doc-" + Guid.NewGuid().ToString("N"));
        var path = Path.Combine(dir, "a.ipynb");
        var doc = NotebookDocument.Create(NotebookCell.NewCode("var x = 1;", "parameters"));
        doc.Cells[0].Outputs.Add(NotebookOutput.Display(MimeBundle.Html("<i>x</i>", "x"), "id1"));
        doc.Save(path);
        var back = NotebookDocument.Load(path);
        Assert.Equal("var x = 1;", back.Cells[0].Source);
        Assert.Equal("x", back.Cells[0].Outputs[0].PlainText);
        Assert.Null(back.Cells[0].Outputs[0].DisplayId); // transient, not in the file
        Assert.Single(Directory.GetFiles(dir));
        Directory.Delete(dir, true);
    }

    [Fact]
    public void Missing_file_error_names_the_file()
    {
        var e = Assert.Throws<FileNotFoundException>(() =>
            NotebookDocument.Load("/nonexistent/nb.ipynb")
        );
        Assert.Contains("/nonexistent/nb.ipynb", e.Message);
    }

    public static TheoryData<string, string> Malformed =>
        new()
        {
            { "", "invalid JSON" },
            { "[1, 2]", "top level must be a JSON object" },
            { """{"nbformat": 4, "metadata": {}}""", "'cells' array is missing" },
            { """{"nbformat": 4, "cells": {}}""", "cells must be an array" },
            { """{"nbformat": 3, "cells": []}""", "only nbformat 4" },
            { """{"nbformat": "4", "cells": []}""", "nbformat must be an integer" },
            { """{"cells": []}""", "nbformat is missing" },
            { """{"nbformat": 4, "cells": [3]}""", "cells[0] must be an object" },
            {
                """{"nbformat": 4, "cells": [{"cell_type": "code"}]}""",
                "cells[0].source is missing"
            },
            {
                """{"nbformat": 4, "cells": [{"cell_type": "code", "source": 5}]}""",
                "cells[0].source must be a string or an array of strings"
            },
            {
                """{"nbformat": 4, "cells": [{"cell_type": "code", "source": ["a", 1]}]}""",
                "cells[0].source must be a string or an array of strings"
            },
            {
                """{"nbformat": 4, "cells": [{"cell_type": "python", "source": ""}]}""",
                "cells[0].cell_type is 'python'"
            },
            {
                """{"nbformat": 4, "cells": [{"cell_type": "code", "source": "", "metadata": []}]}""",
                "cells[0].metadata must be an object"
            },
            {
                """{"nbformat": 4, "cells": [{"cell_type": "code", "source": "", "metadata": {"tags": "x"}}]}""",
                "cells[0].metadata.tags must be an array"
            },
            {
                """{"nbformat": 4, "cells": [{"cell_type": "code", "source": "", "outputs": {}}]}""",
                "cells[0].outputs must be an array"
            },
            {
                """{"nbformat": 4, "cells": [{"cell_type": "code", "source": "", "outputs": [{"output_type": "stream", "name": "stdout"}]}]}""",
                "cells[0].outputs[0].text is missing"
            },
            {
                """{"nbformat": 4, "cells": [{"cell_type": "code", "source": "", "outputs": [{"output_type": "weird"}]}]}""",
                "output_type is 'weird'"
            },
            {
                """{"nbformat": 4, "cells": [{"cell_type": "code", "source": "", "outputs": [{"output_type": "error", "ename": "a", "evalue": "b", "traceback": [1]}]}]}""",
                "traceback must be an array of strings"
            },
            {
                """{"nbformat": 4, "cells": [{"cell_type": "code", "source": "", "execution_count": "1"}]}""",
                "cells[0].execution_count must be an integer"
            },
        };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Malformed_notebooks_fail_naming_the_file_and_the_problem(
        string json,
        string expected
    )
    {
        var e = Assert.Throws<NotebookFormatException>(() =>
            NotebookDocument.Parse(json, "/x/bad.ipynb")
        );
        Assert.Contains("/x/bad.ipynb", e.Message);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Every_truncation_of_a_valid_notebook_fails_cleanly()
    {
        // Property: any prefix of a valid file is rejected with a NotebookFormatException naming the file.
        var json = NotebookDocument.Parse(Jupyter).ToJson();
        for (var n = 0; n < json.Length - 2; n += 7)
        {
            var e = Assert.Throws<NotebookFormatException>(() =>
                NotebookDocument.Parse(json[..n], "t.ipynb")
            );
            Assert.Contains("t.ipynb", e.Message);
        }
    }

    [Fact]
    public void Wrong_type_at_every_field_fails_cleanly()
    {
        // Property: replacing any value of a valid notebook with a value of another kind either still loads
        // (a free-form field such as metadata content) or fails with a NotebookFormatException, never another exception.
        var original = JsonNode.Parse(NotebookDocument.Parse(Jupyter).ToJson())!;
        var paths = new List<Func<JsonNode, JsonNode?>>();
        void Walk(JsonNode node, Func<JsonNode, JsonNode?> get)
        {
            paths.Add(get);
            if (node is JsonObject o)
                foreach (var (k, v) in o)
                    if (v != null)
                        Walk(v, n => get(n)?[k]);
            if (node is JsonArray a)
                for (var i = 0; i < a.Count; i++)
                    if (a[i] is { } item)
                    {
                        var idx = i;
                        Walk(item, n => get(n)?[idx]);
                    }
        }
        Walk(original, n => n);
        JsonNode?[] replacements =
        [
            JsonValue.Create(7),
            JsonValue.Create("s"),
            new JsonArray(),
            new JsonObject(),
            null,
        ];
        foreach (var get in paths.Skip(1))
        foreach (var r in replacements)
        {
            var copy = original.DeepClone();
            var target = get(copy)!;
            var parent = target.Parent!;
            if (parent is JsonObject po)
                po[target.GetPropertyName()] = r?.DeepClone();
            else
                ((JsonArray)parent)[target.GetElementIndex()] = r?.DeepClone();
            try
            {
                NotebookDocument.Parse(copy.ToJsonString(), "p.ipynb");
            }
            catch (NotebookFormatException e)
            {
                Assert.Contains("p.ipynb", e.Message);
            }
        }
    }
}
