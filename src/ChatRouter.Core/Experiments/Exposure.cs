using ChatRouter.Profiles;

namespace ChatRouter.Experiments;

/// <summary>What a customer sees of an experiment when its target is said: which variant, and whether it counts.</summary>
/// <param name="Variant">The variant whose changes apply.</param>
/// <param name="Counted">True while the experiment runs: the message carries the experiment and variant, so it is measured.</param>
public sealed record Exposure(ExperimentVariant Variant, bool Counted)
{
    /// <summary>
    /// The exposure of <paramref name="profile"/> to <paramref name="experiment"/>, or null for a draft. A running
    /// experiment uses the assignment stored on the profile, else picks one (<see cref="Assignment"/>) and stores it
    /// (<paramref name="assigned"/> is then true, and the profile must be saved). A stopped one shows everyone the
    /// winner, or the control, and is no longer measured.
    /// </summary>
    public static Exposure? Of(Experiment experiment, CustomerProfile profile, out bool assigned)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        ArgumentNullException.ThrowIfNull(profile);
        assigned = false;
        switch (experiment.Status)
        {
            case ExperimentStatus.Draft:
                return null;
            case ExperimentStatus.Stopped:
                return new Exposure(experiment.Find(experiment.Definition.Winner) ?? experiment.Control, Counted: false);
        }

        // A stored variant the file no longer has (renamed or removed) is assigned afresh.
        if (profile.Experiments.TryGetValue(experiment.Name, out var stored) && experiment.Find(stored) is { } kept)
            return new Exposure(kept, Counted: true);

        var picked = Assignment.Pick(experiment, profile.Id);
        profile.Experiments[experiment.Name] = picked.Name;
        assigned = true;
        return new Exposure(picked, Counted: true);
    }
}
