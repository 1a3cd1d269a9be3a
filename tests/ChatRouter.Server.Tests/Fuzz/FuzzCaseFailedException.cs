using ChatRouter.Testing.Fuzz;

namespace ChatRouter.Server.Tests.Fuzz;

/// <summary>A fuzz case that broke an invariant: the message names the case (and so how to rebuild it) and what happened.</summary>
public sealed class FuzzCaseFailedException(FuzzCase fuzzCase, Exception inner)
    : Exception($"{fuzzCase}: {inner.GetType().Name}: {inner.Message}", inner);
