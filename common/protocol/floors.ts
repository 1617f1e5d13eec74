// The protocol's floors for a takeover: the least time a backup of this timing can take, by the RFCs.

export interface FloorTiming {
  version: 2 | 3;
  /** The backup's priority (the one taking over). */
  priority: number;
  /** The advert interval in ms: the backup's own in VRRPv2, the master's (Master_Adver_Interval) in VRRPv3. */
  intervalMs: number;
}

export interface FailoverFloors {
  /** Skew_Time: how long the backup waits after a priority-0 advert. */
  skewMs: number;
  /** A graceful stop (priority-0 advert) hands over after the skew. */
  gracefulMs: number;
  /** A crashed or cut-off master is declared down after Master_Down_Interval = 3 x interval + skew. */
  crashMs: number;
}

/**
 * Skew_Time is (256 - priority) / 256 s in VRRPv2 (RFC 3768) whatever the interval, and
 * ((256 - priority) x Master_Adver_Interval) / 256 in VRRPv3 (RFC 5798).
 */
export function failoverFloorsMs(t: FloorTiming): FailoverFloors {
  const skewMs = ((256 - t.priority) / 256) * (t.version === 3 ? t.intervalMs : 1000);
  return { skewMs, gracefulMs: skewMs, crashMs: 3 * t.intervalMs + skewMs };
}
