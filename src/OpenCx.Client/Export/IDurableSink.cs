namespace OpenCx.Client.Export;

/// <summary>Something that keeps sessions (a file) and can be asked to have what it received on disk.</summary>
internal interface IDurableSink
{
    /// <summary>Writes and flushes to the disk every session received so far; returns once they are there.</summary>
    /// <exception cref="ExportFileException">They could not be made durable.</exception>
    void MakeDurable();
}
