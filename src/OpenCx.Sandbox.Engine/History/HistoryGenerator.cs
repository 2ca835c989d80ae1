using System;
using System.Collections.Generic;
using OpenCx.Sandbox.Data;

namespace OpenCx.Sandbox.History;

/// <summary>
/// A session's conversation, made up from the seed and the session's id alone, so that every
/// request (and every run) sees the same events. Most are short; about one in eight is long
/// enough for several pages; now and then an event of a type the spec does not name.
/// </summary>
internal static class HistoryGenerator
{
    /// <summary>The type the spec does not name, with a field of its own.</summary>
    public const string UnknownType = "csat_submitted";

    private static readonly string[] ContactLines =
    {
        "Hi, my order hasn't arrived yet.",
        "Bonjour, je n'arrive pas à me connecter.",
        "I was charged twice!!\nThis is the second time this month.",
        "Können Sie mir helfen? Die Rechnung ist falsch.",
        "注文をキャンセルしたいです。",
        "Why is nobody answering? 😡",
        "Thanks, that worked 👍",
        "Line one\r\nline two, after a Windows line break",
    };

    private static readonly string[] AiLines =
    {
        "I can help with that. Could you give me your order number?",
        "I'm sorry for the trouble. Let me check your account.",
        "Voilà : cliquez sur « Mot de passe oublié ».",
        "Here is what I found:\n- your order shipped on Monday\n- it should arrive by Friday",
        "I'll hand you over to a colleague who can look into this.",
    };

    private static readonly string[] AgentLines =
    {
        "Hello, this is Maria from support. I'm looking into it now.",
        "Refund issued — you'll see it in 3–5 days.",
        "Internal note: customer is a VIP, escalate if needed.",
    };

    private static readonly string?[] ContactNames = { "Ana Souza", "Jürgen Groß", null, "李雷", "O'Brien" };

    public static IReadOnlyList<HistoryEvent> For(int seed, Session session, long nowMs)
    {
        var random = new SeededRandom(Mix(seed, session.Id));
        int count = random.Chance(0.125) ? random.Next(31, 90) : random.Next(1, 12);
        long start = session.CreatedAtMs;
        long end = Math.Max(start + count, Math.Min(nowMs, Math.Max(session.LastMessageAtMs, start + count)));
        long step = Math.Max(1, (end - start) / count);
        string? contactName = random.Pick(ContactNames);
        var events = new List<HistoryEvent>(count);
        long at = start;
        for (int i = 0; i < count; i++)
        {
            events.Add(Next(random, i, at, contactName));
            at += 1 + random.Next(step);
        }

        return events;
    }

    private static HistoryEvent Next(SeededRandom random, int index, long at, string? contactName)
    {
        var common = new HistoryEvent { Id = random.NextUuid(), CreatedAtMs = at };
        if (index == 0)
        {
            return common with { SenderType = "contact", SenderName = contactName, Text = random.Pick(ContactLines) };
        }

        double roll = random.NextDouble();
        return roll switch
        {
            < 0.35 => common with
            {
                SenderType = "contact",
                SenderName = contactName,
                Text = random.Pick(ContactLines),
                AttachmentName = random.Chance(0.1) ? "screenshot é.png" : null,
            },
            < 0.65 => common with { SenderType = "ai", SenderName = "AI", Text = random.Pick(AiLines) },
            < 0.75 => common with { SenderType = "human_agent", SenderName = "Maria", Text = random.Pick(AgentLines) },
            < 0.80 => common with { Type = "handoff", Integration = "zendesk" },
            < 0.84 => common with { Type = "human_agent_joined", HumanAgentId = 1000 + random.Next(20) },
            < 0.87 => common with { Type = "human_agent_comment", HumanAgentId = 1000 + random.Next(20), Text = random.Pick(AgentLines) },
            < 0.90 => common with { Type = "human_agent_takeover", HumanAgentId = 1000 + random.Next(20) },
            < 0.95 => common with { Type = "ai_resolved_issue" },
            _ => common with { Type = UnknownType, Rating = random.Next(1, 6) },
        };
    }

    /// <summary>A seed of the seed and the id (FNV-1a): the same on every runtime, unlike string.GetHashCode.</summary>
    private static long Mix(int seed, string id)
    {
        ulong hash = 14695981039346656037UL ^ (uint)seed;
        foreach (char c in id)
        {
            hash = unchecked((hash ^ c) * 1099511628211UL);
        }

        return unchecked((long)hash);
    }
}
