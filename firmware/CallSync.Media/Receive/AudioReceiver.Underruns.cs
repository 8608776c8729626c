namespace CallSync.Media.Receive;

/// <content>
/// How concealment after the last packet is counted. When the buffer runs dry the receiver conceals (up to
/// <see cref="MaxConcealRun"/>) before it knows why: if the stream then goes on (a late packet, a lost one, audio
/// dropped as late) the concealment filled a hole in what was heard and counts as concealed periods and time; if the
/// stream ended or paused (nothing more came, comfort noise, or the next packet continues the sequence after a
/// pause) it only followed the last word into the sender's silence and counts as <see cref="ReceiverSnapshot.Trailing"/>
/// instead: not a hole, not missing audio.
/// </content>
internal sealed partial class AudioReceiver
{
    private bool _runOpen;
    private bool _runIsHole;
    private long _runPeriods;
    private long _runTicks;
    private bool _runEndedInThisPull;

    /// <summary>Concealment of an empty buffer begins or goes on: undecided until the stream shows why it ran dry.</summary>
    private void OpenRun() => _runOpen = true;

    /// <summary>Audio sent in the run's time was dropped as late: whatever comes next, the run was a hole.</summary>
    private void MarkRunAsHole()
    {
        if (_runOpen)
        {
            _runIsHole = true;
        }
    }

    /// <summary>The stream went on after the run (or dropped audio in it): the run was a hole in what was heard.</summary>
    private void CommitRun()
    {
        if (_runOpen)
        {
            _c.ConcealedPeriods += _runPeriods;
            _c.ConcealedTicks += _runTicks;
            CloseRun();
        }
    }

    /// <summary>The stream ended or paused after the run: it followed the sender into silence, not a hole (unless audio was dropped in it).</summary>
    private void EndRun()
    {
        if (!_runOpen)
        {
            return;
        }

        if (_runIsHole)
        {
            CommitRun();
            return;
        }

        _c.TrailingTicks += _runTicks;
        _runEndedInThisPull = true;
        CloseRun();
    }

    private void CloseRun()
    {
        _runOpen = false;
        _runIsHole = false;
        _runPeriods = 0;
        _runTicks = 0;
    }

    /// <summary>Counts a period that held concealment: now, or once its run is decided.</summary>
    private void CountConcealedPeriod()
    {
        if (_runOpen)
        {
            _runPeriods++;
        }
        else if (!_runEndedInThisPull)
        {
            _c.ConcealedPeriods++;
        }
    }

    private void CountConcealedTicks(long ticks)
    {
        if (_runOpen)
        {
            _runTicks += ticks;
        }
        else
        {
            _c.ConcealedTicks += ticks;
        }
    }
}
