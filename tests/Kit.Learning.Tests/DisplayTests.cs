using Deedle;
using Kit.Core;

namespace Kit.Learning.Tests;

public class DisplayTests
{
    [Fact]
    public void DeedleFramesShowAsHtmlTables()
    {
        LearningDisplay.Register();
        var frame = Frame.FromRecords(
            new[] { new { Model = "fcn", Auc = 0.9984 }, new { Model = "tcn", Auc = 0.9911 } }
        );
        var bundle = DisplayFormatters.Format(frame);
        var html = bundle.Data["text/html"];
        Assert.StartsWith("<table>", html);
        Assert.Contains("<th>Model</th>", html);
        Assert.Contains("<td>0.9911</td>", html);
        Assert.Contains("tcn", bundle.Data["text/plain"]);
    }
}
