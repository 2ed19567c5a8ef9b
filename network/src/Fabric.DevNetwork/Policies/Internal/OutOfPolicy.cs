namespace Fabric.DevNetwork.Policies.Internal;

/// <summary>At least <c>n</c> of the sub-policies; AND and OR are the two extremes.</summary>
internal sealed class OutOfPolicy(int required, IReadOnlyList<EndorsementPolicy> children) : EndorsementPolicy
{
    public int Required { get; } = required;

    public IReadOnlyList<EndorsementPolicy> Children { get; } = children;

    public override string ToString() =>
        $"OutOf({Required}, {string.Join(", ", Children.Select(c => c.ToString()))})";

    private protected override bool Evaluate(PolicyIdentity[] signers, bool[] used, IReadOnlyCollection<string> channelMspIds)
    {
        if (Required <= 0)
        {
            return true;
        }

        var before = (bool[])used.Clone();
        var satisfied = 0;
        foreach (var child in Children)
        {
            var attempt = (bool[])used.Clone();
            if (EvaluateChild(child, signers, attempt, channelMspIds))
            {
                // a satisfied child keeps the signers it consumed
                attempt.CopyTo(used, 0);
                satisfied++;
                if (satisfied >= Required)
                {
                    return true;
                }
            }
        }

        before.CopyTo(used, 0);
        return false;
    }
}
