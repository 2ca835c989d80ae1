using System.Collections.Generic;
using System.Globalization;

namespace OpenCx.Sandbox.Data;

/// <summary>Makes the pool of contacts that sessions share, so contact_ids filters find several sessions.</summary>
internal static class ContactGenerator
{
    private const long Day = 86_400_000;

    /// <summary>Contacts all exist before the oldest session (180 days back) and were last updated before now.</summary>
    public static Contact Next(SeededRandom random, long nowMs)
    {
        KeyValuePair<string, string> person = random.Pick(SampleData.People);
        long createdAtMs = nowMs - 181 * Day - random.Next(365 * Day);
        long updatedAtMs = createdAtMs + random.Next(nowMs - createdAtMs);
        return new Contact(
            Id: random.NextUuid(),
            Email: random.Chance(0.15) ? null : Email(random, person.Value),
            PhoneNumber: random.Chance(0.4) ? null : PhoneNumber(random),
            Name: random.Chance(0.1) ? null : person.Key,
            CustomData: random.Chance(0.4) ? null : VerifiedCustomData(random),
            CreatedAtMs: createdAtMs,
            UpdatedAtMs: updatedAtMs,
            NonVerifiedName: random.Chance(0.7) ? null : random.Pick(SampleData.People).Key,
            NonVerifiedEmail: random.Chance(0.8) ? null : NonVerifiedEmail(random, person.Value),
            NonVerifiedCustomData: random.Chance(0.7) ? null : NonVerifiedCustomData(random));
    }

    private static string Email(SeededRandom random, string localPart)
    {
        string suffix = random.Chance(0.5) ? random.Next(1, 1000).ToString(CultureInfo.InvariantCulture) : "";
        return localPart + suffix + "@" + random.Pick(SampleData.EmailDomains);
    }

    // Non-verified e-mails are whatever a visitor typed: the spec does not require them to be addresses.
    private static string NonVerifiedEmail(SeededRandom random, string localPart) =>
        random.Chance(0.5) ? localPart + " at example dot com" : Email(random, localPart);

    private static string PhoneNumber(SeededRandom random)
    {
        return random.Pick(SampleData.PhonePrefixes) + random.Next(1000, 10000).ToString(CultureInfo.InvariantCulture);
    }

    private static IReadOnlyList<KeyValuePair<string, string>> VerifiedCustomData(SeededRandom random)
    {
        var data = new List<KeyValuePair<string, string>>
        {
            new("crm_id", "CRM-" + random.Next(100_000).ToString("D6", CultureInfo.InvariantCulture)),
        };
        if (random.Chance(0.5))
        {
            data.Add(new("tier", random.Pick(SampleData.Tiers)));
        }

        return data;
    }

    private static IReadOnlyList<KeyValuePair<string, CustomDataValue>> NonVerifiedCustomData(SeededRandom random) => new[]
    {
        new KeyValuePair<string, CustomDataValue>("utm_source", CustomDataValue.Of(random.Pick(SampleData.UtmSources))),
        new KeyValuePair<string, CustomDataValue>("visits", CustomDataValue.Of(random.Next(1, 60))),
        new KeyValuePair<string, CustomDataValue>("consented", CustomDataValue.Of(random.Chance(0.5))),
    };
}
