using Kit.Plots;

namespace Kit.Plots.Tests;

public class FigureGalleryTests
{
    [Fact]
    public void ListsPanelsAndMetricsBesideThePaper()
    {
        var root = Directory.CreateTempSubdirectory("kit-gallery-").FullName;
        var fig = Directory.CreateDirectory(Path.Combine(root, "01-integrate-and-fire")).FullName;
        File.WriteAllText(Path.Combine(fig, "e-roc.html"), "<html></html>");
        File.WriteAllBytes(Path.Combine(fig, "e-roc.png"), [0x89, 0x50]);
        File.WriteAllText(Path.Combine(fig, "e-roc.pdf"), "%PDF");
        File.WriteAllText(
            Path.Combine(fig, "metrics.json"),
            """{"profile": "smoke", "auc": 0.99817, "rmse_mv": 1.75, "paper": {"auc": 0.9973}}"""
        );
        var index = FigureGallery.Write(root);
        var html = File.ReadAllText(index);
        Assert.Equal(Path.Combine(root, "index.html"), index);
        Assert.Contains("<h2 id=\"01-integrate-and-fire\">", html);
        Assert.Contains("<img src=\"01-integrate-and-fire/e-roc.png\"", html);
        Assert.Contains("<a href=\"01-integrate-and-fire/e-roc.pdf\">pdf</a>", html);
        Assert.DoesNotContain("e-roc.svg", html);
        Assert.Contains("<tr><td>auc</td><td>0.99817</td><td>0.9973</td></tr>", html);
        Assert.Contains("<tr><td>rmse_mv</td><td>1.75</td><td></td></tr>", html);
        Assert.DoesNotContain("<td>paper</td>", html);
    }

    [Fact]
    public void AnEmptyFolderSaysHowToMakeFigures()
    {
        var root = Directory.CreateTempSubdirectory("kit-gallery-").FullName;
        Assert.Contains("kit figures", File.ReadAllText(FigureGallery.Write(root)));
    }
}
