// A stand-in for System.DirectoryServices.DirectorySearcher, which pwsh on Linux lacks: the
// driver (driver.ps1) compiles it and names it [adsisearcher]. It searches the directory of
// the case's JSON file (RDL_ORACLE_DIRECTORY: groups with their direct members), written
// apart from the simulator's model (src/simulate/directory.ts) so the two check each other:
// an RFC 4515 filter (\XX escapes, * a wildcard, & | !), LDAP_MATCHING_RULE_IN_CHAIN on
// memberOf, primaryGroupID (513, Domain Users, unless a group lists the user among its
// primaryMembers) and a group's objectSid (S-1-5-21-1-2-3-RID, RID 1100 + its index), at most
// 1000 results without a page size, and COMException when no domain answers.
using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

public class RdlSearchResult
{
    public Hashtable Properties { get; } = new Hashtable(StringComparer.OrdinalIgnoreCase);
}

public class RdlDirectorySearcher
{
    public string Filter { get; set; }
    public int PageSize { get; set; }

    public RdlDirectorySearcher(string filter) { Filter = filter; }

    private sealed class Entry
    {
        public string Kind = "";
        public string Name = "";
        public string Dn = "";
        public List<string> MemberOf = new List<string>();
        public uint Rid = 513;
    }

    private static string RdnValue(string name)
    {
        string value = Regex.Replace(name, "[,+\"\\\\<>;=]", "\\$0");
        if (value.StartsWith(" ") || value.StartsWith("#")) value = "\\" + value;
        if (value.EndsWith(" ")) value = value.Substring(0, value.Length - 1) + "\\ ";
        return value;
    }

    private static string DnOf(string kind, string name) =>
        "CN=" + RdnValue(name) + ",OU=" + (kind == "user" ? "Users" : "Groups") + ",DC=corp,DC=example,DC=com";

    private static List<Entry> Load()
    {
        string file = Environment.GetEnvironmentVariable("RDL_ORACLE_DIRECTORY");
        if (string.IsNullOrEmpty(file)) throw Unreachable();
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(file));
        if (!doc.RootElement.GetProperty("reachable").GetBoolean()) throw Unreachable();
        var entries = new Dictionary<string, Entry>(StringComparer.OrdinalIgnoreCase);
        Entry Get(string kind, string name)
        {
            if (!entries.TryGetValue(kind + ":" + name, out Entry e))
            {
                e = new Entry { Kind = kind, Name = name, Dn = DnOf(kind, name) };
                entries[kind + ":" + name] = e;
            }
            return e;
        }
        uint index = 0;
        foreach (JsonElement group in doc.RootElement.GetProperty("groups").EnumerateArray())
            Get("group", group.GetProperty("name").GetString()).Rid = 1100 + index++;
        index = 0;
        foreach (JsonElement group in doc.RootElement.GetProperty("groups").EnumerateArray())
        {
            string dn = DnOf("group", group.GetProperty("name").GetString());
            foreach (JsonElement member in group.GetProperty("members").EnumerateArray())
                Get(member.GetProperty("kind").GetString(), member.GetProperty("name").GetString()).MemberOf.Add(dn);
            if (group.TryGetProperty("primaryMembers", out JsonElement primary))
                foreach (JsonElement user in primary.EnumerateArray()) Get("user", user.GetString()).Rid = 1100 + index;
            index++;
        }
        return entries.Values.ToList();
    }

    private static COMException Unreachable() =>
        new COMException("The specified domain either does not exist or could not be contacted.", unchecked((int)0x8007054B));

    private ArgumentException Invalid() => new ArgumentException("The (" + Filter + ") search filter is invalid.");

    // A parsed filter is a predicate over an entry.
    private Func<Entry, Dictionary<string, Entry>, bool> Parse(ref int at)
    {
        string f = Filter;
        if (at >= f.Length || f[at] != '(') throw Invalid();
        char op = at + 1 < f.Length ? f[at + 1] : ')';
        if (op == '&' || op == '|' || op == '!')
        {
            at += 2;
            var parts = new List<Func<Entry, Dictionary<string, Entry>, bool>>();
            while (at < f.Length && f[at] == '(') parts.Add(Parse(ref at));
            if (at >= f.Length || f[at] != ')' || parts.Count == 0 || (op == '!' && parts.Count != 1)) throw Invalid();
            at++;
            if (op == '&') return (e, all) => parts.All(p => p(e, all));
            if (op == '|') return (e, all) => parts.Any(p => p(e, all));
            return (e, all) => !parts[0](e, all);
        }
        int close = f.IndexOf(')', at);
        if (close < 0) throw Invalid();
        Match m = Regex.Match(f.Substring(at + 1, close - at - 1), "^([A-Za-z][A-Za-z0-9-]*)(?::([0-9.]+):)?=(.*)$", RegexOptions.Singleline);
        if (!m.Success) throw Invalid();
        at = close + 1;
        string attribute = m.Groups[1].Value.ToLowerInvariant();
        bool chain = m.Groups[2].Success;
        if (chain && m.Groups[2].Value != "1.2.840.113556.1.4.1941") throw Invalid();
        Regex value = ValuePattern(m.Groups[3].Value);
        if (chain)
        {
            return (e, all) => attribute == "memberof" && InChain(e, all).Any(dn => value.IsMatch(dn));
        }
        return (e, all) => Values(e, attribute).Any(v => value.IsMatch(v));
    }

    private Regex ValuePattern(string text)
    {
        var pattern = new StringBuilder("^");
        var bytes = new List<byte>();
        void Flush()
        {
            pattern.Append(Regex.Escape(Encoding.UTF8.GetString(bytes.ToArray())));
            bytes.Clear();
        }
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '\\')
            {
                if (i + 2 > text.Length - 1) throw Invalid();
                string hex = text.Substring(i + 1, 2);
                if (!Regex.IsMatch(hex, "^[0-9A-Fa-f]{2}$")) throw Invalid();
                bytes.Add(Convert.ToByte(hex, 16));
                i += 2;
            }
            else if (c == '*') { Flush(); pattern.Append(".*"); }
            else if (c == '(' || c == ')') throw Invalid();
            else bytes.AddRange(Encoding.UTF8.GetBytes(c.ToString()));
        }
        Flush();
        return new Regex(pattern.Append('$').ToString(), RegexOptions.IgnoreCase | RegexOptions.Singleline);
    }

    private static IEnumerable<string> Values(Entry e, string attribute)
    {
        switch (attribute)
        {
            case "objectcategory": return new[] { e.Kind == "user" ? "person" : "group" };
            case "objectclass": return e.Kind == "user" ? new[] { "top", "person", "organizationalPerson", "user" } : new[] { "top", "group" };
            case "samaccountname": return new[] { e.Name };
            case "distinguishedname": return new[] { e.Dn };
            case "memberof": return e.MemberOf;
            case "primarygroupid": return e.Kind == "user" ? new[] { e.Rid.ToString() } : new string[0];
            default: return new string[0];
        }
    }

    private static HashSet<string> InChain(Entry e, Dictionary<string, Entry> all)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var pending = new Stack<string>(e.MemberOf);
        while (pending.Count > 0)
        {
            string dn = pending.Pop();
            if (!seen.Add(dn)) continue;
            if (all.TryGetValue(dn, out Entry group)) foreach (string up in group.MemberOf) pending.Push(up);
        }
        return seen;
    }

    public RdlSearchResult[] FindAll()
    {
        List<Entry> entries = Load();
        int at = 0;
        var filter = Parse(ref at);
        if (at != Filter.Length) throw Invalid();
        var byDn = new Dictionary<string, Entry>(StringComparer.OrdinalIgnoreCase);
        foreach (Entry e in entries) byDn[e.Dn] = e;
        var found = new List<RdlSearchResult>();
        foreach (Entry e in entries.Where(e => filter(e, byDn)))
        {
            var result = new RdlSearchResult();
            result.Properties["samaccountname"] = new object[] { e.Name };
            result.Properties["distinguishedname"] = new object[] { e.Dn };
            result.Properties["objectclass"] = Values(e, "objectclass").Cast<object>().ToArray();
            if (e.Kind == "group")
            {
                // SID's binary form (revision 1, five sub-authorities, authority 5, each
                // sub-authority little-endian): SecurityIdentifier does not run on Linux.
                var bytes = new List<byte> { 1, 5, 0, 0, 0, 0, 0, 5 };
                foreach (uint part in new uint[] { 21, 1, 2, 3, e.Rid }) bytes.AddRange(BitConverter.GetBytes(part));
                result.Properties["objectsid"] = new object[] { bytes.ToArray() };
            }
            found.Add(result);
        }
        return (PageSize > 0 ? found : found.Take(1000)).ToArray();
    }
}
