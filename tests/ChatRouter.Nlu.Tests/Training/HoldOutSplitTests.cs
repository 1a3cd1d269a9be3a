using ChatRouter.Nlu.Data;
using ChatRouter.Nlu.Training;

namespace ChatRouter.Nlu.Tests.Training;

public sealed class HoldOutSplitTests
{
    [Fact]
    public void Split_NextDataRevision_KeepsEveryEarlierRowOnItsSide()
    {
        var rows = Samples.Data().Rows;
        var revised = rows.Concat(Samples.Data("es").Rows).Reverse().ToList();

        var (_, before) = HoldOutSplit.Split(rows, 0.2);
        var (_, after) = HoldOutSplit.Split(revised, 0.2);

        before.Should().NotBeEmpty();
        before.Select(r => r.Text).Should().BeSubsetOf(after.Select(r => r.Text), "a text held out of one revision stays held out of the next");
        after.Where(r => rows.Contains(r)).Should().BeEquivalentTo(before);
    }

    [Fact]
    public void Split_Share_IsRoughlyThatShareAndDisjoint()
    {
        var rows = Samples.Data().Rows.Concat(Samples.Data("es").Rows).Concat(Samples.Data("pt-BR").Rows).ToList();

        var (training, heldOut) = HoldOutSplit.Split(rows, 0.1);

        training.Count.Should().Be(rows.Count - heldOut.Count);
        heldOut.Count.Should().BeInRange(rows.Count / 20, rows.Count / 5);
        training.Intersect(heldOut).Should().BeEmpty();
    }

    [Fact]
    public void Split_IntentWithFewRows_KeepsTwoForTraining()
    {
        var rows = new[] { new LabeledText("hello", "greeting"), new LabeledText("hi there", "greeting"), new LabeledText("where is my order", "order_status"), new LabeledText("track my parcel", "order_status") };

        var (training, heldOut) = HoldOutSplit.Split(rows, 0.99);

        heldOut.Should().BeEmpty();
        training.Should().HaveCount(4);
    }

    [Fact]
    public void Split_ZeroShare_HoldsNothingOut()
    {
        HoldOutSplit.Split(Samples.Data().Rows, 0).HeldOut.Should().BeEmpty();
    }
}
