using System;
using System.Collections.Generic;
using System.Linq;
using BulkEnroll.Devices;
using BulkEnroll.Neurons;

namespace BulkEnroll.Reports;

/// <summary>
/// Counts devices into the report's buckets, per generic user and in total, and keeps the day each device enrolled
/// for the chart. Each device lands in exactly one bucket, so the buckets add up to Enrolled.
/// </summary>
internal sealed class RolloutTally
{
    private readonly Dictionary<string, RolloutProgress> _perUser = new(StringComparer.OrdinalIgnoreCase);
    private readonly RolloutProgress _total = new() { IsTotal = true };
    private readonly SortedDictionary<DateTime, RolloutDay> _days = new();

    /// <summary>Users with no device still get a row (zeros): a site whose PCs have not arrived is part of the rollout.</summary>
    public void AddUser(string userPrincipalName)
    {
        if (!_perUser.ContainsKey(userPrincipalName))
        {
            _perUser[userPrincipalName] = new RolloutProgress { UserPrincipalName = userPrincipalName };
        }
    }

    public void Add(BulkEnrolledDevice device)
    {
        AddUser(device.EnrolledBy);
        Bucket bucket = Classify(device);
        Count(_perUser[device.EnrolledBy], bucket, device.EnrolledAt);
        Count(_total, bucket, device.EnrolledAt);
        if (device.EnrolledAt is DateTime enrolledAt)
        {
            DateTime day = enrolledAt.ToUniversalTime().Date;
            if (!_days.TryGetValue(day, out RolloutDay? entry))
            {
                entry = _days[day] = new RolloutDay(day);
            }

            entry.Enrolled++;
            if (bucket == Bucket.Assigned)
            {
                entry.Assigned++;
            }
        }
        else
        {
            UndatedDevices++;
        }
    }

    /// <summary>Devices whose record has no registration time: counted in the rows, left out of the chart.</summary>
    public long UndatedDevices { get; private set; }

    /// <summary>One row per generic user, by UPN, then the total.</summary>
    public IReadOnlyList<RolloutProgress> Rows()
    {
        var rows = _perUser.Values.OrderBy(r => r.UserPrincipalName, StringComparer.OrdinalIgnoreCase).ToList();
        rows.Add(_total);
        foreach (RolloutProgress row in rows)
        {
            long active = row.Enrolled - row.Retired;
            row.PercentAssigned = active == 0 ? 0 : Math.Round(100.0 * row.Assigned / active, 1);
        }

        return rows;
    }

    /// <summary>Days on which devices enrolled, oldest first, with running totals.</summary>
    public IReadOnlyList<RolloutDay> Timeline()
    {
        long enrolled = 0;
        long assigned = 0;
        var days = new List<RolloutDay>();
        foreach (RolloutDay day in _days.Values)
        {
            enrolled += day.Enrolled;
            assigned += day.Assigned;
            days.Add(new RolloutDay(day.Date) { Enrolled = day.Enrolled, Assigned = day.Assigned, EnrolledSoFar = enrolled, AssignedSoFar = assigned });
        }

        return days;
    }

    private enum Bucket { Assigned, Waiting, InProgress, Failed, Retired }

    private static Bucket Classify(BulkEnrolledDevice device)
    {
        if (!RegistrationStates.IsActive(device.RegistrationState))
        {
            return Bucket.Retired;
        }

        if (device.IsAssigned)
        {
            return Bucket.Assigned;
        }

        return ReassignmentStatuses.IsInProgress(device.ReassignmentStatus) ? Bucket.InProgress
            : ReassignmentStatuses.IsFailed(device.ReassignmentStatus) ? Bucket.Failed
            : Bucket.Waiting;
    }

    private static void Count(RolloutProgress row, Bucket bucket, DateTime? enrolledAt)
    {
        row.Enrolled++;
        switch (bucket)
        {
            case Bucket.Assigned: row.Assigned++; break;
            case Bucket.InProgress: row.InProgress++; break;
            case Bucket.Failed: row.Failed++; break;
            case Bucket.Retired: row.Retired++; break;
            default: row.Waiting++; break;
        }

        if (enrolledAt is DateTime at)
        {
            if (row.FirstEnrolledAt == null || at < row.FirstEnrolledAt)
            {
                row.FirstEnrolledAt = at;
            }

            if (row.LastEnrolledAt == null || at > row.LastEnrolledAt)
            {
                row.LastEnrolledAt = at;
            }
        }
    }
}

/// <summary>One day of the chart: devices enrolled that day (and of those, assigned now), and the running totals.</summary>
internal sealed class RolloutDay
{
    public RolloutDay(DateTime date) => Date = date;

    public DateTime Date { get; }

    public long Enrolled { get; set; }

    public long Assigned { get; set; }

    public long EnrolledSoFar { get; set; }

    public long AssignedSoFar { get; set; }
}
