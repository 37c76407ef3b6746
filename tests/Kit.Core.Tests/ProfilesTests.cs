using Kit.Core;

namespace Kit.Core.Tests;

[Collection("environment")]
public class ProfilesTests
{
    [Fact]
    public void DefaultIsCourseUnlessTheEnvironmentSaysOtherwise()
    {
        var saved = Environment.GetEnvironmentVariable(Profiles.EnvironmentVariable);
        try
        {
            Environment.SetEnvironmentVariable(Profiles.EnvironmentVariable, null);
            Assert.Equal("course", Profiles.Default);
            Environment.SetEnvironmentVariable(Profiles.EnvironmentVariable, "  ");
            Assert.Equal("course", Profiles.Default);
            Environment.SetEnvironmentVariable(Profiles.EnvironmentVariable, "smoke");
            Assert.Equal("smoke", Profiles.Default);
            Environment.SetEnvironmentVariable(Profiles.EnvironmentVariable, "huge");
            var ex = Assert.Throws<ArgumentException>(() => Profiles.Default);
            Assert.Contains("huge", ex.Message);
            Assert.Contains("smoke, course, paper", ex.Message);
        }
        finally
        {
            Environment.SetEnvironmentVariable(Profiles.EnvironmentVariable, saved);
        }
    }

    [Fact]
    public void SelectPicksThePresetOfTheProfile()
    {
        Assert.Equal(1, Profiles.Select("smoke", 1, 2, 3));
        Assert.Equal(2, Profiles.Select("course", 1, 2, 3));
        Assert.Equal(3, Profiles.Select("paper", 1, 2, 3));
        Assert.Throws<ArgumentException>(() => Profiles.Select("Paper", 1, 2, 3));
    }
}
