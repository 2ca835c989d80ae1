using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;

namespace OpenCx.Commands.Infrastructure;

/// <summary>
/// The third-party assemblies the module ships in its Dependencies folder for Windows PowerShell
/// 5.1, and whose requests they answer. A module gets no binding redirects, so the module's own
/// assemblies (those loaded from its folder, and the dependencies loaded from Dependencies) are
/// answered with the shipped copy whenever it is at least the version they ask for: System.Memory
/// asks for an older System.Runtime.CompilerServices.Unsafe than the one System.Text.Json needs.
/// Any other assembly in the process is left alone, so that another module asking for a different
/// System.Text.Json or System.Memory is never handed this module's.
/// </summary>
internal sealed class ShippedDependencies
{
    public const string FolderName = "Dependencies";

    private readonly string _moduleFolder;
    private readonly string _dependencyFolder;
    private readonly Dictionary<string, (AssemblyName Name, string Path)> _shipped =
        new Dictionary<string, (AssemblyName Name, string Path)>(StringComparer.OrdinalIgnoreCase);

    public ShippedDependencies(string moduleFolder)
    {
        _moduleFolder = Path.GetFullPath(moduleFolder);
        _dependencyFolder = Path.Combine(_moduleFolder, FolderName);
        if (Directory.Exists(_dependencyFolder))
        {
            foreach (string path in Directory.EnumerateFiles(_dependencyFolder, "*.dll"))
            {
                var name = AssemblyName.GetAssemblyName(path);
                _shipped[name.Name!] = (name, path);
            }
        }
    }

    /// <summary>
    /// The path of the shipped assembly that answers this request, or null to leave the request to
    /// whoever else can answer it.
    /// </summary>
    /// <param name="requested">The assembly asked for.</param>
    /// <param name="requester">The assembly that asked; null where the runtime cannot tell.</param>
    public string? PathFor(AssemblyName requested, Assembly? requester)
    {
        if (requested.Name is null || !_shipped.TryGetValue(requested.Name, out (AssemblyName Name, string Path) shipped))
        {
            return null;
        }

        bool answers = requester is null
            // Whoever asked gets exactly what it named, never another version.
            ? IsSameIdentity(requested, shipped.Name)
            : IsOwn(requester) && (requested.Version is null || shipped.Name.Version >= requested.Version);
        return answers ? shipped.Path : null;
    }

    private bool IsOwn(Assembly requester)
    {
        if (requester.IsDynamic || string.IsNullOrEmpty(requester.Location))
        {
            return false;
        }

        string? folder = Path.GetDirectoryName(Path.GetFullPath(requester.Location));
        return string.Equals(folder, _moduleFolder, StringComparison.OrdinalIgnoreCase)
            || string.Equals(folder, _dependencyFolder, StringComparison.OrdinalIgnoreCase);
    }

    private static bool IsSameIdentity(AssemblyName requested, AssemblyName shipped) =>
        Equals(requested.Version, shipped.Version)
        && string.Equals(requested.CultureName ?? string.Empty, shipped.CultureName ?? string.Empty, StringComparison.OrdinalIgnoreCase)
        && HexOf(requested.GetPublicKeyToken()) == HexOf(shipped.GetPublicKeyToken());

    private static string HexOf(byte[]? bytes) => bytes is null ? string.Empty : BitConverter.ToString(bytes);
}
