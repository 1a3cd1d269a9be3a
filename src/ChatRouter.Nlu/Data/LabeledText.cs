namespace ChatRouter.Nlu.Data;

/// <summary>One row of a training or evaluation file: the customer's text, its intent, and its line.</summary>
public sealed record LabeledText(string Text, string Intent, int Line = 0);
