namespace System.Runtime.CompilerServices;

/// <summary>
/// Lets netstandard2.0 code use init-only properties and records; the compiler only needs the
/// type to exist, and newer runtimes ship their own.
/// </summary>
internal static class IsExternalInit
{
}
