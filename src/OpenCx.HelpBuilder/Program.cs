using System;
using System.IO;
using OpenCx.HelpBuilder;

// OpenCx.HelpBuilder <markdown folder> <output folder>
// Exit code 0 when every file was written; 1 with file(line): error lines when the markdown is wrong.
if (args.Length != 2 || !Directory.Exists(args[0]))
{
    Console.Error.WriteLine("Usage: OpenCx.HelpBuilder <folder of platyPS markdown> <output folder>");
    return 2;
}

try
{
    foreach (string path in HelpBuild.Run(args[0], args[1]))
    {
        Console.WriteLine($"Help: {path}");
    }

    return 0;
}
catch (HelpFormatException e)
{
    Console.Error.WriteLine(e.ToString());
    return 1;
}
