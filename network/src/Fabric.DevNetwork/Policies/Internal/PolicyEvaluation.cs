namespace Fabric.DevNetwork.Policies.Internal;

/// <summary>The outcome of evaluating one channel policy: satisfied, or Fabric's reason why not.</summary>
/// <param name="Failure">Null when satisfied; else the text Fabric's policy returns as its error.</param>
internal readonly record struct PolicyEvaluation(string? Failure)
{
    public static PolicyEvaluation Satisfied => default;

    public bool IsSatisfied => Failure is null;
}
