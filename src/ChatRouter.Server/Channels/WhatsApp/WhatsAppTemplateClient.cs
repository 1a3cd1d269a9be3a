using System.Globalization;
using System.Net.Http.Headers;
using ChatRouter.Server.Templates;
using Microsoft.Extensions.Options;

namespace ChatRouter.Server.Channels.WhatsApp;

/// <summary>
/// Reads the WhatsApp Business Account's template list from the Graph API:
/// <c>GET {ApiBaseUrl}/{BusinessAccountId}/message_templates?fields=…&amp;limit=100[&amp;after=…]</c> with the
/// access token, page after page (see <see cref="WhatsAppTemplateList"/>).
/// </summary>
internal sealed class WhatsAppTemplateClient(HttpClient http, IOptionsMonitor<WhatsAppOptions> options)
{
    public const string Fields = "id,name,language,status,category,components,quality_score,rejected_reason";
    public const int PageSize = 100;

    /// <summary>Meta keeps at most 250 templates per WABA (whatsapp.md §1.9); 50 pages of 100 is far past that, so more is a paging loop.</summary>
    public const int MaxPages = 50;

    /// <summary>Every template of the account.</summary>
    /// <exception cref="TemplateSyncException">A setting is missing, or Meta answered with an error, nothing, or not a template list.</exception>
    public async Task<IReadOnlyList<ListedTemplate>> ListAsync(CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        if (string.IsNullOrWhiteSpace(settings.BusinessAccountId))
            throw new TemplateSyncException("WhatsApp:BusinessAccountId is not set; set it to the WhatsApp Business Account id (WABA id) whose templates to read", isConfiguration: true);
        if (string.IsNullOrWhiteSpace(settings.AccessToken))
            throw new TemplateSyncException("WhatsApp:AccessToken is not set; set it to a token with the whatsapp_business_management permission", isConfiguration: true);

        var all = new List<ListedTemplate>();
        string? after = null;
        for (var page = 0; page < MaxPages; page++)
        {
            var url = $"{settings.ApiBaseUrl.TrimEnd('/')}/{Uri.EscapeDataString(settings.BusinessAccountId)}/message_templates?fields={Fields}&limit={PageSize.ToString(CultureInfo.InvariantCulture)}"
                + (after is null ? "" : "&after=" + Uri.EscapeDataString(after));
            var (templates, next) = WhatsAppTemplateList.Parse(await GetAsync(url, settings, cancellationToken));
            all.AddRange(templates);
            if (next is null) return all;
            after = next;
        }

        throw new TemplateSyncException($"the template list did not end after {MaxPages} pages of {PageSize}; the Graph API keeps pointing to a next page");
    }

    private async Task<string> GetAsync(string url, WhatsAppOptions settings, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.AccessToken);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(settings.RequestTimeout);
        try
        {
            using var response = await http.SendAsync(request, limit.Token);
            var body = await response.Content.ReadAsStringAsync(limit.Token);
            if (response.IsSuccessStatusCode) return body;
            throw new TemplateSyncException(Describe((int)response.StatusCode, body), isConfiguration: response.StatusCode is System.Net.HttpStatusCode.Unauthorized or System.Net.HttpStatusCode.Forbidden);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TemplateSyncException($"the Graph API did not answer within {settings.RequestTimeout.TotalSeconds:0.#} s ({settings.ApiBaseUrl})");
        }
        catch (HttpRequestException e)
        {
            throw new TemplateSyncException($"cannot reach the Graph API at {settings.ApiBaseUrl}: {e.Message}");
        }
    }

    /// <summary>The Graph error (code and message) with a hint for the errors an operator fixes.</summary>
    private static string Describe(int status, string body)
    {
        var error = ProviderAnswer.TryParse(body) is { } json && JsonFields.Object(json, "error") is { } e ? e : (System.Text.Json.JsonElement?)null;
        var code = error is { } err ? JsonFields.Integer(err, "code") : null;
        var message = error is { } m ? JsonFields.Text(m, "message") : null;
        var what = message is null ? ProviderAnswer.Snippet(body) : $"{code}: {message}";
        var hint = status == 401 || code == 190 ? "; check WhatsApp:AccessToken"
            : status == 403 || code is 10 or 200 ? "; the token needs the whatsapp_business_management permission"
            : code == 100 ? "; check WhatsApp:BusinessAccountId"
            : status >= 500 ? "; Meta is having trouble, the next sync tries again"
            : "";
        return $"the Graph API answered HTTP {status} ({what}){hint}";
    }
}
