/** @odoo-module **/

import { registry } from "@web/core/registry";

/**
 * On a running interview: note a concern in two clicks, open "Close Interview", read the
 * script filled in for the candidate, answer the concern, tick the checklist, choose the
 * outcome and close.
 */
registry.category("web_tour.tours").add("hr_interview_closing_wizard_tour", {
    steps: () => [
        {
            content: "Open the Concerns tab",
            trigger: ".o_form_view .o_notebook .nav-link:contains(Concerns)",
            run: "click",
        },
        {
            content: "The candidate asks about business travel: tick it",
            trigger: ".o_field_widget[name='raised_topic_ids'] .form-check:contains(Business travel) input",
            run: "click",
        },
        {
            content: "Close the interview",
            trigger: ".o_form_view button[name='action_open_closing_wizard']",
            run: "click",
        },
        {
            content: "The script is filled in for the candidate",
            trigger: ".modal .o_field_widget[name='script_text'] textarea:value(Tara Tour)",
        },
        {
            content: "The suggestion says why",
            trigger: ".modal .o_field_widget[name='suggestion_reason']:contains(standard close)",
        },
        {
            content: "Open the concerns to answer",
            trigger: ".modal .o_notebook .nav-link:contains(Open Concerns)",
            run: "click",
        },
        {
            content: "The prepared answer is there",
            trigger: ".modal .o_field_widget[name='concern_line_ids'] .o_data_row:contains(Business travel):contains(two to four trips)",
        },
        {
            content: "Mark it answered",
            trigger: ".modal .o_field_widget[name='concern_line_ids'] .o_data_row:first .o_field_boolean_toggle input",
            run: "click",
        },
        {
            content: "Now the checklist",
            trigger: ".modal .o_notebook .nav-link:contains(Checklist)",
            run: "click",
        },
        ...[1, 2, 3].map((row) => ({
            content: `Tick checklist line ${row}`,
            trigger: `.modal .o_field_widget[name='checklist_line_ids'] .o_data_row:nth-child(${row}) .o_field_boolean_toggle input`,
            run: "click",
        })),
        {
            content: "Outcome: advance",
            trigger: ".modal .o_field_widget[name='outcome'] input[data-value='advance']",
            run: "click",
        },
        {
            content: "Confirm",
            trigger: ".modal .modal-footer button[name='action_confirm']",
            run: "click",
        },
        {
            content: "The interview is done",
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains(Done)",
        },
    ],
});
