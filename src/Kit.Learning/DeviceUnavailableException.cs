namespace Kit.Learning;

/// <summary>
/// The device a <see cref="DeviceSetting"/> asks for is not there (<c>cuda</c> on a machine or a build without a
/// GPU); the message says why and what to do.
/// </summary>
public sealed class DeviceUnavailableException(string message) : InvalidOperationException(message);
