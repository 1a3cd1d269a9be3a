namespace ChatRouter.Nlu.Training;

/// <summary>Where a training run is: a stage name and the fraction (0–1) of the whole run done.</summary>
public readonly record struct TrainingProgress(string Stage, double Fraction);
