using Kit.Core;

namespace Kit.Core.Tests;

public class DisplayFormattersTests
{
    private class Animal;

    private sealed class Dog : Animal;

    [Fact]
    public void MostSpecificRegisteredTypeWins()
    {
        DisplayFormatters.Register<Animal>(_ => MimeBundle.Text("animal"));
        Assert.Equal("animal", DisplayFormatters.Format(new Dog()).Data["text/plain"]);
        DisplayFormatters.Register<Dog>(_ => MimeBundle.Html("<b>dog</b>", "dog"));
        Assert.Equal("<b>dog</b>", DisplayFormatters.Format(new Dog()).Data["text/html"]);
        Assert.Equal("42", DisplayFormatters.Format(42).Data["text/plain"]);
        Assert.Equal("null", DisplayFormatters.Format(null).Data["text/plain"]);
    }

    [Fact]
    public void JsonMimeTypesAreRecognised()
    {
        Assert.True(MimeBundle.IsJsonMime("application/vnd.plotly.v1+json"));
        Assert.True(MimeBundle.IsJsonMime("application/json"));
        Assert.False(MimeBundle.IsJsonMime("text/html"));
    }
}
