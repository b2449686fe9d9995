using System;

namespace BulkEnroll.Neurons;

/// <summary>
/// Who hears what a device page's first bytes said, as soon as they are read (<see cref="Reading.DevicePageReader"/>):
/// its total, when <c>result.totalCount</c> comes before <c>result.searchResults</c> (the guide's account example
/// does, a device-space fixture does not: docs/reference/ivanti-api.md#paging), or that its records came first.
/// A search's later pages can then be asked for before its first page's 500 records have arrived.
/// </summary>
internal sealed class TotalCountListener
{
    public TotalCountListener(Action<long> totalFirst, Action? recordsFirst = null)
    {
        TotalFirst = totalFirst;
        RecordsFirst = recordsFirst ?? (() => { });
    }

    public Action<long> TotalFirst { get; }

    public Action RecordsFirst { get; }
}
