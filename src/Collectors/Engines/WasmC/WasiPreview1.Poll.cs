using System.Buffers.Binary;

namespace Observatory.Collectors.Engines.WasmC;

/// <summary>
/// poll_oneoff: clock subscriptions sleep until the earliest deadline (relative, or
/// absolute with the abstime flag) and report every clock that has then expired; fd
/// subscriptions are ready at once (files and stdio never block here), in which case
/// nothing sleeps. Layouts are the preview1 witx ones: subscription 48 bytes, event 32.
/// </summary>
public sealed partial class WasiPreview1
{
    private const byte EventClock = 0, EventFdRead = 1, EventFdWrite = 2;
    private const int SubscriptionSize = 48, EventSize = 32;

    private int PollOneoff(int subscriptions, int events, int count, int countPtr)
    {
        if (count == 0) return EInval;
        var ready = new List<(ulong UserData, byte Type, ushort Error)>();
        var clocks = new List<(ulong UserData, int Clock, ulong Deadline)>();
        for (var i = 0; i < count; i++)
        {
            var s = Mem.Slice(subscriptions + i * SubscriptionSize, SubscriptionSize);
            var userData = BinaryPrimitives.ReadUInt64LittleEndian(s);
            var type = s[8];
            switch (type)
            {
                case EventClock:
                    var clock = (int)BinaryPrimitives.ReadUInt32LittleEndian(s[16..]);
                    var timeout = BinaryPrimitives.ReadUInt64LittleEndian(s[24..]);
                    var absolute = (BinaryPrimitives.ReadUInt16LittleEndian(s[40..]) & 1) != 0;
                    if (Now(clock) is not { } now) ready.Add((userData, type, EInval));
                    else clocks.Add((userData, clock, absolute ? timeout : now + timeout));
                    break;
                case EventFdRead or EventFdWrite:
                    var fd = (int)BinaryPrimitives.ReadUInt32LittleEndian(s[16..]);
                    ready.Add((userData, type, fds.ContainsKey(fd) ? (ushort)Success : (ushort)EBadf));
                    break;
                default:
                    return EInval;
            }
        }
        if (ready.Count == 0)
        {
            // Sleep until the earliest clock expires, measured on that clock.
            var first = clocks.MinBy(c => c.Deadline - Math.Min(c.Deadline, Now(c.Clock)!.Value));
            while (Now(first.Clock)!.Value < first.Deadline)
            {
                var left = first.Deadline - Now(first.Clock)!.Value;
                Thread.Sleep(TimeSpan.FromTicks((long)Math.Max(1, Math.Min(left / 100, (ulong)TimeSpan.TicksPerSecond))));
            }
            foreach (var c in clocks)
                if (Now(c.Clock)!.Value >= c.Deadline) ready.Add((c.UserData, EventClock, Success));
        }
        var mem = Mem;
        for (var i = 0; i < ready.Count; i++)
        {
            var e = mem.Slice(events + i * EventSize, EventSize);
            e.Clear();
            BinaryPrimitives.WriteUInt64LittleEndian(e, ready[i].UserData);
            BinaryPrimitives.WriteUInt16LittleEndian(e[8..], ready[i].Error);
            e[10] = ready[i].Type;
        }
        BinaryPrimitives.WriteUInt32LittleEndian(mem.Slice(countPtr, 4), (uint)ready.Count);
        return Success;
    }
}
