using System.Runtime.CompilerServices;
using ChatRouter.Profiles;
using LiteDB;

namespace ChatRouter.Storage;

/// <summary>
/// Profiles by attributes, a page at a time (a campaign's audience). The profiles branch adds the same method in
/// <c>LiteDbConversationStore.Profiles.cs</c>; when both meet, keep that one and delete this file.
/// </summary>
internal sealed partial class LiteDbConversationStore
{
    private const int AudiencePage = 500;

    public async IAsyncEnumerable<CustomerProfile> ListProfilesAsync(ProfileQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var after = query.After ?? "";
        var left = query.Limit ?? int.MaxValue;
        while (left > 0)
        {
            // A page at a time, materialised: LiteDB's cursors belong to a thread, and a consumer may resume on another.
            var page = file.Profiles.Query().Where(Query.GT("_id", after)).OrderBy("_id").Limit(AudiencePage).ToList();
            foreach (var profile in page.Where(query.Matches))
            {
                cancellationToken.ThrowIfCancellationRequested();
                yield return profile;
                if (--left == 0) yield break;
            }

            if (page.Count < AudiencePage) yield break;
            after = page[^1].Id;
            await Task.Yield();
        }
    }
}
