namespace OpenCx.Client.Querying;

/// <summary>
/// What is left of -Skip and -First across the queries of one command (one query per batch of
/// piped contact ids shares the same budget).
/// </summary>
public sealed class PagingBudget
{
    public PagingBudget(ulong skip, ulong first)
    {
        SkipRemaining = skip;
        FirstRemaining = first;
    }

    public ulong SkipRemaining { get; internal set; }

    /// <summary>How many more sessions the pipeline wants; <see cref="ulong.MaxValue"/> for all.</summary>
    public ulong FirstRemaining { get; internal set; }

    public bool IsSatisfied => FirstRemaining == 0;
}
