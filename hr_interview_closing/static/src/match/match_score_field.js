/** @odoo-module **/

import { registry } from "@web/core/registry";
import { formatFloat } from "@web/views/fields/formatters";
import { ProgressBarField, progressBarField } from "@web/views/fields/progress_bar/progress_bar_field";

/**
 * A match percentage: Odoo's progress bar with the value in one decimal (27.8 %, as the
 * suggestion, the toasts and the PDF write it), and "No requirements" instead of a 0 % bar for
 * an applicant whose job states no skill requirements (match level "unknown").
 */
export class MatchScoreField extends ProgressBarField {
    static template = "hr_interview_closing.MatchScoreField";

    get noRequirements() {
        return this.props.record.data.match_level === "unknown";
    }

    formatCurrentValue() {
        return formatFloat(this.currentValue, { digits: [16, 1] });
    }
}

/** On a record with a match_level (applicant, interview session). */
export const matchScoreField = {
    ...progressBarField,
    component: MatchScoreField,
    fieldDependencies: [{ name: "match_level", type: "selection" }],
};

/** A percentage of a report line (no match level). */
export const matchPercentField = {
    ...progressBarField,
    component: MatchScoreField,
};

registry.category("fields").add("hic_match_score", matchScoreField);
registry.category("fields").add("hic_match_percent", matchPercentField);
