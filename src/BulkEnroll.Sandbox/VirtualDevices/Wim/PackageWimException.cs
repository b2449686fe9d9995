namespace BulkEnroll.Sandbox.VirtualDevices.Wim;

/// <summary>The container is not a WIM this reader can open, or it is damaged. The message says where, never what
/// a file holds (package files carry secrets).</summary>
public sealed class PackageWimException(string message) : Exception(message);
