using TorchSharp;

namespace Kit.Learning;

/// <summary>
/// Scalars that live for the whole process. TorchSharp turns numbers into <see cref="Scalar"/> objects
/// implicitly (e.g. the alpha of <c>a + b</c>) and does not keep them alive during the native call, so a
/// garbage collection at the wrong moment frees one mid-call (seen as random "Unknown scalar type" or
/// <c>toFloat</c> errors in training). The kit's hot paths pass these held Scalars or explicitly held locals
/// instead.
/// </summary>
internal static class TorchScalars
{
    /// <summary>1, the alpha of a plain addition.</summary>
    public static readonly Scalar One = 1.0;

    /// <summary>The integer 1, for in-place additions to integer tensors (a BatchNorm's batch count).</summary>
    public static readonly Scalar OneInteger = 1L;
}
