/** @odoo-module **/

import { Component, onMounted, onWillUnmount, useState } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { localization } from "@web/core/l10n/localization";
import { registry } from "@web/core/registry";
import { standardFieldProps } from "@web/views/fields/standard_field_props";

const AMBER_SECONDS = 5 * 60;

/**
 * Format a number of seconds as mm:ss, or h:mm:ss from one hour on.
 */
export function formatClock(totalSeconds) {
    const seconds = Math.max(0, Math.floor(totalSeconds));
    const h = Math.floor(seconds / 3600);
    const m = Math.floor((seconds % 3600) / 60);
    const s = seconds % 60;
    const mm = String(m).padStart(2, "0");
    const ss = String(s).padStart(2, "0");
    return h ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

/**
 * The phase of the timer: "amber" in the last five minutes of the slot, "over" past its planned
 * end (the interview-day tour checks both).
 */
export function timerPhase(nowMs, plannedEndMs) {
    if (!plannedEndMs) {
        return "normal";
    }
    if (nowMs > plannedEndMs) {
        return "over";
    }
    if (nowMs >= plannedEndMs - AMBER_SECONDS * 1000) {
        return "amber";
    }
    return "normal";
}

/**
 * Live interview timer, set on the session's ``actual_start`` field. It reads ``actual_end``,
 * ``planned_start``, ``planned_end``, ``late_start_minutes`` and ``state`` from the same record:
 * elapsed time since the actual start, the time left until the planned end (amber in the last
 * five minutes), red with the overtime (+mm:ss) once past it; a late start is said, since it
 * eats into the slot. It stops at the actual end. Before the start, it says when a scheduled
 * interview is late.
 */
export class InterviewTimerField extends Component {
    static template = "hr_interview_closing.InterviewTimerField";
    static props = { ...standardFieldProps };

    setup() {
        this.state = useState({ now: Date.now() });
        onMounted(() => {
            this.interval = setInterval(() => {
                this.state.now = Date.now();
            }, 1000);
        });
        onWillUnmount(() => clearInterval(this.interval));
    }

    get data() {
        return this.props.record.data;
    }

    get startMs() {
        const start = this.data[this.props.name];
        return start ? start.toMillis() : null;
    }

    get plannedEndMs() {
        return this.data.planned_end ? this.data.planned_end.toMillis() : null;
    }

    get referenceMs() {
        return this.data.actual_end ? this.data.actual_end.toMillis() : this.state.now;
    }

    get started() {
        return Boolean(this.startMs);
    }

    get running() {
        return this.started && !this.data.actual_end;
    }

    get elapsed() {
        return formatClock((this.referenceMs - this.startMs) / 1000);
    }

    get phase() {
        return this.started ? timerPhase(this.referenceMs, this.plannedEndMs) : "normal";
    }

    get overtime() {
        return formatClock((this.referenceMs - this.plannedEndMs) / 1000);
    }

    get plannedEndText() {
        return this.data.planned_end ? this.data.planned_end.toFormat(localization.shortTimeFormat) : "";
    }

    get remainingText() {
        const time = formatClock((this.plannedEndMs - this.referenceMs) / 1000);
        return _t("%(time)s left until the planned end (%(end)s)", { time, end: this.plannedEndText });
    }

    get lateStartMinutes() {
        return this.started ? this.data.late_start_minutes || 0 : 0;
    }

    get lateStartText() {
        return _t("Started %(minutes)s min late", { minutes: this.lateStartMinutes });
    }

    /** Minutes a scheduled interview is past its planned start (0 when not late). */
    get notStartedLateMinutes() {
        const start = this.data.planned_start;
        if (this.started || this.data.state !== "scheduled" || !start) {
            return 0;
        }
        return Math.max(0, Math.floor((this.state.now - start.toMillis()) / 60000));
    }

    get notStartedLate() {
        const start = this.data.planned_start;
        return Boolean(
            !this.started && this.data.state === "scheduled" && start && this.state.now > start.toMillis()
        );
    }

    get notStartedLateText() {
        return _t("Not started: %(minutes)s min after the planned start", {
            minutes: this.notStartedLateMinutes,
        });
    }

    get plannedText() {
        const minutes = this.data.planned_duration || 0;
        return _t("%(minutes)s min planned", { minutes });
    }

    get badgeClass() {
        return {
            normal: "text-bg-secondary",
            amber: "text-bg-warning",
            over: "text-bg-danger",
        }[this.phase];
    }

    /** The running dot stays visible on every badge colour (white on the red one). */
    get dotClass() {
        return this.phase === "over" ? "text-white" : "text-danger";
    }
}

export const interviewTimerField = {
    component: InterviewTimerField,
    supportedTypes: ["datetime"],
    fieldDependencies: [
        { name: "actual_end", type: "datetime" },
        { name: "planned_start", type: "datetime" },
        { name: "planned_end", type: "datetime" },
        { name: "planned_duration", type: "integer" },
        { name: "late_start_minutes", type: "integer" },
        { name: "state", type: "selection" },
    ],
};

registry.category("fields").add("interview_timer", interviewTimerField);
