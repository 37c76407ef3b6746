namespace Kit.Core.Tests;

/// <summary>Tests that change process environment variables run one at a time.</summary>
[CollectionDefinition("environment", DisableParallelization = true)]
public class EnvironmentCollection;
