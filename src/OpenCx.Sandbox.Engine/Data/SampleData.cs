using System.Collections.Generic;

namespace OpenCx.Sandbox.Data;

/// <summary>
/// The raw material the generator draws from. The names are chosen to break naive clients:
/// quotes, commas, apostrophes, accents, Greek, Cyrillic, Arabic and CJK.
/// </summary>
internal static class SampleData
{
    /// <summary>A display name and the ASCII local part of an e-mail address for it.</summary>
    public static readonly IReadOnlyList<KeyValuePair<string, string>> People = new[]
    {
        Person("Zoë O'Brien", "zoe.o'brien"),
        Person("Müller, \"Max\"", "max.mueller"),
        Person("José Núñez", "jose.nunez"),
        Person("山田 太郎", "taro.yamada"),
        Person("李小龙", "li.xiaolong"),
        Person("Siobhán Ní Bhriain", "siobhan.nibhriain"),
        Person("François L'Écuyer", "francois.lecuyer"),
        Person("Ana María Pérez-Gómez", "ana.perez-gomez"),
        Person("Σωκράτης Παπαδόπουλος", "sokratis.p"),
        Person("Сергей Иванов", "sergey.ivanov"),
        Person("محمد الأحمد", "m.alahmad"),
        Person("Ólafur Þórsson", "olafur"),
        Person("Björk Guðmundsdóttir", "bjork_g"),
        Person("D'Angelo \"DJ\" Smith, Jr.", "dj+support"),
        Person("Emma Johnson", "emma.johnson"),
        Person("Liam Smith", "liam.smith"),
        Person("Olivia Brown", "olivia"),
        Person("Noah Williams", "noah.w"),
        Person("Ava Garcia", "ava.garcia"),
        Person("Lukas Schmidt", "lukas.schmidt"),
        Person("Chloé Dubois", "chloe.dubois"),
        Person("João Silva", "joao.silva"),
        Person("佐藤 花子", "hanako.sato"),
        Person("김민준", "minjun.kim"),
    };

    public static readonly IReadOnlyList<string> EmailDomains = new[]
    {
        "example.com", "example.org", "mail.example.de", "example.co.jp", "kunde.example.at",
    };

    public static readonly IReadOnlyList<string> PhonePrefixes = new[] { "+1 415 555 ", "+49 30 ", "+44 20 7946 ", "+81 3 ", "+34 91 " };

    public static readonly IReadOnlyList<string> Tiers = new[] { "gold", "silver", "bronze" };

    public static readonly IReadOnlyList<string> UtmSources = new[] { "newsletter", "google", "partner \"A\"" };

    public static readonly IReadOnlyList<string> Languages = new[] { "en", "en", "en", "en-GB", "de", "fr", "es", "pt-BR", "ja", "zh-CN", "ar", "nl" };

    public static readonly IReadOnlyList<string> Tags = new[]
    {
        "billing", "refund", "bug", "vip", "onboarding", "shipping", "feature-request", "churn-risk",
    };

    public static readonly IReadOnlyList<string> Plans = new[] { "free", "pro", "enterprise" };

    public static readonly IReadOnlyList<string> Regions = new[] { "eu-west", "us-east", "ap-northeast" };

    public static readonly IReadOnlyList<string> HandoffSummaries = new[]
    {
        "Customer asks for a refund of a duplicate charge; needs billing approval.",
        "Order arrived damaged. Customer wants a replacement, not a refund.",
        "Login fails with \"invalid token\" after password reset.",
        "Kunde möchte die Rechnungsadresse ändern, das Formular schlägt fehl.",
        "El cliente pide hablar con un agente humano.",
        "API returns 500 on bulk import; customer shared a request id.",
        "配送状況について問い合わせ。追跡番号が無効とのこと。",
    };

    /// <summary>The teams: name and optional description; their ids come from the seed.</summary>
    public static readonly IReadOnlyList<KeyValuePair<string, string?>> Teams = new[]
    {
        new KeyValuePair<string, string?>("Billing", "Invoices, refunds and payment methods"),
        new KeyValuePair<string, string?>("Technical Support", null),
        new KeyValuePair<string, string?>("Onboarding & Success", "New customers in their first 90 days"),
        new KeyValuePair<string, string?>("VIP Desk", "Enterprise accounts, \"white glove\""),
        new KeyValuePair<string, string?>("Ventas España", null),
        new KeyValuePair<string, string?>("カスタマーサポート", "日本語のお問い合わせ"),
    };

    /// <summary>The numeric user ids of the human agents sessions are assigned to.</summary>
    public static readonly IReadOnlyList<long> AssigneeIds = new long[] { 101, 102, 103, 117, 214, 215, 330, 4021 };

    /// <summary>Each ticketing system with the kind of id it hands out.</summary>
    public static readonly IReadOnlyList<KeyValuePair<string, string>> TicketingSystems = new[]
    {
        new KeyValuePair<string, string>("zendesk", "ticket_id"),
        new KeyValuePair<string, string>("zendesk_v2", "ticket_id"),
        new KeyValuePair<string, string>("salesforce", "case_id"),
        new KeyValuePair<string, string>("salesforce_v2", "case_id"),
        new KeyValuePair<string, string>("intercom", "conversation_id"),
        new KeyValuePair<string, string>("front", "conversation_id"),
        new KeyValuePair<string, string>("twilio_flex", "conversation_sid"),
        new KeyValuePair<string, string>("freshdesk", "ticket_id"),
        new KeyValuePair<string, string>("hubspot", "ticket_id"),
        new KeyValuePair<string, string>("gorgias", "ticket_id"),
        new KeyValuePair<string, string>("dynamics365", "case_id"),
        new KeyValuePair<string, string>("freshchat", "conversation_id"),
        new KeyValuePair<string, string>("freshdesk_ticketing", "ticket_id"),
        new KeyValuePair<string, string>("infobip", "conversation_id"),
        new KeyValuePair<string, string>("open", "ticket_id"),
    };

    private static KeyValuePair<string, string> Person(string name, string emailLocalPart) => new(name, emailLocalPart);
}
