using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace DualAutodiff;

public sealed partial class Tape<T>
{
    //
    // Deferred clearing of kernel outputs' adjoint slots: a large kernel's outputs are cleared just before the first
    // write into them (often chunk by chunk, right before the first writer adds to them), not in the clearing pass
    // before the sweep, whose cold stores cost as much as a kernel's backward at n = 10⁵
    //

    /// <summary>Kernel outputs of at least this many elements have their adjoints cleared when first written.</summary>
    private const int DeferredMinimum = 64;

    /// <summary>A scalar segment of the sweep longer than this is not scanned for operands among deferred outputs: every
    /// deferred block is cleared before it instead (the scan reads each record once more).</summary>
    private const int ScanLimit = 4096;

    /// <summary>How many kernel records have their outputs' adjoints deferred (not yet cleared) in this sweep.</summary>
    private int _deferredBlocks;

    /// <summary>The lowest output record of a deferred block: an operand index below it is never in one.</summary>
    private int _lowestDeferred;

    /// <summary>Zeroes the adjoints of records 0 … count − 1 before a sweep, except the large kernels' outputs, which
    /// are marked deferred: <see cref="Live(int)"/> and the steps below clear them before anything is added to them.</summary>
    private void ClearAdjoints()
    {
        _deferredBlocks = 0;
        _lowestDeferred = int.MaxValue;
        _groupTop = -1;
        int from = 0;
        if (!s_sweepIsRecorded)
        {
            for (int k = 0; k < _kernelRecordCount; k++)
            {
                ref KernelRecord r = ref _kernelRecords[k];
                r.Deferred = r.OutputLength >= DeferredMinimum && r.OutputFirst + r.OutputLength <= _count;
                if (r.Deferred)
                {
                    Array.Clear(_adjoints, from, r.OutputFirst - from);
                    from = r.OutputFirst + r.OutputLength;
                    _lowestDeferred = Math.Min(_lowestDeferred, r.OutputFirst);
                    _deferredBlocks++;
                }
            }
        }

        Array.Clear(_adjoints, from, _count - from);
    }

    /// <summary>Clears the deferred block holding record <paramref name="index"/>, if any, before a write into it.</summary>
    private void Live(int index)
    {
        if (_deferredBlocks == 0 || index < _lowestDeferred)
        {
            return;
        }

        int k = KernelOfOutput(index);
        if (k >= 0)
        {
            Live(ref _kernelRecords[k]);
        }
    }

    private void Live(ref KernelRecord r)
    {
        if (r.Deferred)
        {
            _adjoints.AsSpan(r.OutputFirst, r.OutputLength).Clear();
            r.Deferred = false;
            _deferredBlocks--;
        }
    }

    /// <summary>Clears every deferred block (before a step whose writes are not followed one by one).</summary>
    private void AllLive()
    {
        for (int k = 0; k < _kernelRecordCount && _deferredBlocks > 0; k++)
        {
            Live(ref _kernelRecords[k]);
        }
    }

    /// <summary>Before the two-operand loop runs records <paramref name="top"/> … <paramref name="bottom"/> + 1: clears
    /// the deferred blocks their operands are in (all of them for a long segment).</summary>
    private void LiveForRecords(int top, int bottom)
    {
        if (_deferredBlocks == 0 || top <= bottom)
        {
            return;
        }

        if (top - bottom > ScanLimit)
        {
            AllLive();
            return;
        }

        ref Entry entries = ref MemoryMarshal.GetArrayDataReference(_entries);
        for (int i = top; i > bottom && _deferredBlocks > 0; i--)
        {
            ref Entry e = ref Unsafe.Add(ref entries, i);
            if (e.A >= _lowestDeferred)
            {
                Live(e.A);
            }

            if (e.B >= _lowestDeferred && e.B != i)
            {
                Live(e.B);
            }
        }
    }

    /// <summary>Where a kernel step's contributions to a consecutive operand go: whether the operand is exactly one
    /// deferred block, which the step may clear chunk by chunk as it adds to it; otherwise the blocks it touches are
    /// cleared now.</summary>
    private bool ClearsAsItGoes(in KernelOperand operand, in KernelOperand other)
    {
        if (_deferredBlocks == 0 || operand.First <= 0 || operand.First + operand.Length <= _lowestDeferred)
        {
            return false;
        }

        int k = KernelOfOutput(operand.First);
        bool overlaps = other.First > 0 && other.First < operand.First + operand.Length && operand.First < other.First + other.Length;
        if (k >= 0 && _kernelRecords[k].Deferred && !overlaps && _kernelRecords[k].OutputFirst == operand.First && _kernelRecords[k].OutputLength == operand.Length)
        {
            _kernelRecords[k].Deferred = false;
            _deferredBlocks--;
            return true;
        }

        LiveRange(operand.First, operand.Length);
        return false;
    }

    /// <summary>Clears every deferred block that records <paramref name="first"/> … first + length − 1 touch (a part of a
    /// block, or a run over several), from the first whose outputs end above the run's start.</summary>
    private void LiveRange(int first, int length)
    {
        if (_deferredBlocks == 0 || first + length <= _lowestDeferred)
        {
            return;
        }

        int end = first + length;
        int lo = 0, hi = _kernelRecordCount;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (_kernelRecords[mid].OutputFirst + _kernelRecords[mid].OutputLength <= first)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        for (int b = lo; b < _kernelRecordCount && _kernelRecords[b].OutputFirst < end && _deferredBlocks > 0; b++)
        {
            Live(ref _kernelRecords[b]);
        }
    }

    /// <summary>The kernel record whose outputs include record <paramref name="index"/>, or −1 (by bisection: the
    /// records' outputs ascend).</summary>
    private int KernelOfOutput(int index)
    {
        int lo = 0, hi = _kernelRecordCount - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            ref readonly KernelRecord r = ref _kernelRecords[mid];
            if (index < r.OutputFirst)
            {
                hi = mid - 1;
            }
            else if (index >= r.OutputFirst + r.OutputLength)
            {
                lo = mid + 1;
            }
            else
            {
                return mid;
            }
        }

        return -1;
    }
}
