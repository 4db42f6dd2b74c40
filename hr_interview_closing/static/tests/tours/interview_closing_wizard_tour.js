/** @odoo-module **/

import { registry } from "@web/core/registry";

const HAN = /[\u4e00-\u9fff]/;

function assert(condition, message) {
    if (!condition) {
        throw new Error(message);
    }
}

/** The cells of a concern list are read in full: wrapped, never cut with an ellipsis. */
function checkWrapped(cell) {
    const style = getComputedStyle(cell);
    assert(style.whiteSpace === "normal", `the cell is not wrapped (white-space: ${style.whiteSpace})`);
    assert(cell.scrollWidth <= cell.clientWidth + 1, "the cell's text is cut");
}

/**
 * An interviewer on a running interview: note a concern in two clicks (it shows at once, with
 * its prepared answer), open "Close Interview", read the script filled in for the candidate,
 * switch it to Chinese, answer the concern, tick the checklist, write the closing notes (which
 * tick their own step), choose the outcome and close.
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
            content: "The concern shows at once, before saving, with its prepared answer in full",
            trigger:
                ".o_form_view .o_form_editable .o_field_widget[name='concern_ids'] .o_data_row:contains(Business travel) td[name='prepared_answer']:contains(Travel time counts as working time)",
            run() {
                checkWrapped(this.anchor);
            },
        },
        {
            content: "Close the interview",
            trigger: ".o_form_view button[name='action_open_closing_wizard']",
            run: "click",
        },
        {
            content: "The script is filled in for the candidate, in her language",
            trigger: ".modal .o_field_widget[name='script_text'] textarea:value(Thank you for your time today, Tara Tour)",
        },
        {
            content: "The suggestion says why",
            trigger: ".modal .o_field_widget[name='suggestion_reason']:contains(standard close)",
        },
        {
            content: "The script's language is the candidate's",
            trigger: ".modal .o_field_widget[name='lang'] select:has(option:selected:contains(English))",
        },
        {
            content: "Switch the script to Chinese",
            trigger: ".modal .o_field_widget[name='lang'] select",
            run: 'select "zh_CN"',
        },
        {
            content: "The script is rendered again, in Chinese",
            trigger: ".modal .o_field_widget[name='script_text'] textarea:value(Tara Tour，谢谢你今天抽出时间)",
        },
        {
            content: "Open the concerns to answer",
            trigger: ".modal .o_notebook .nav-link:contains(Open Concerns)",
            run: "click",
        },
        {
            content: "The topic and the prepared answer (in the script's language) are read in full",
            trigger:
                ".modal .o_field_widget[name='concern_line_ids'] .o_data_row:contains(Business travel) td[name='prepared_answer']:contains(出差途中的时间计入工作时间)",
            run() {
                checkWrapped(this.anchor);
                checkWrapped(this.anchor.closest("tr").querySelector("td[name='topic_id']"));
            },
        },
        {
            content: "Mark it answered",
            trigger: ".modal .o_field_widget[name='concern_line_ids'] .o_data_row:first .o_field_boolean_toggle input",
            run: "click",
        },
        {
            content: "Write the closing notes",
            trigger: ".modal .o_field_widget[name='closing_notes'] .odoo-editor-editable",
            run: "editor Asked about travel; strong on SQL.",
        },
        {
            content: "Now the checklist",
            trigger: ".modal .o_notebook .nav-link:contains(Checklist)",
            run: "click",
        },
        {
            content: "The closing notes ticked their step",
            trigger:
                ".modal .o_field_widget[name='checklist_line_ids'] .o_data_row:contains(Closing notes written) .o_field_boolean_toggle input:checked",
        },
        ...[1, 2].map((row) => ({
            content: `Tick checklist line ${row}`,
            trigger: `.modal .o_field_widget[name='checklist_line_ids'] .o_data_row:nth-child(${row}) .o_field_boolean_toggle input:not(:checked)`,
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

/**
 * An interviewer working in Chinese closes the interview of an English-speaking candidate: the
 * dialog speaks Chinese (the suggestion entirely, the scenario's label), the script English.
 */
registry.category("web_tour.tours").add("hr_interview_closing_wizard_zh_tour", {
    steps: () => [
        {
            content: "Close the interview",
            trigger: ".o_form_view button[name='action_open_closing_wizard']",
            run: "click",
        },
        {
            content: "The suggestion is entirely in Chinese",
            trigger: ".modal .alert[role='status']:has(.o_field_widget[name='suggestion_reason'])",
            run() {
                const text = this.anchor.innerText.trim();
                assert(HAN.test(text), `no Chinese in the suggestion: ${text}`);
                assert(!/[A-Za-z]/.test(text), `the suggestion mixes languages: ${text}`);
            },
        },
        {
            content: "The scenario's label is translated",
            trigger: ".modal .o_field_widget[name='scenario'] select:has(option:selected:contains(标准或自定义收尾))",
        },
        {
            content: "The script is in the candidate's language, English",
            trigger: ".modal .o_field_widget[name='script_text'] textarea:value(Thank you for your time today, Tara Tour)",
        },
        {
            content: "…which the language switch shows",
            trigger: ".modal .o_field_widget[name='lang'] select:has(option:selected:contains(English))",
        },
        {
            content: "Leave the dialog",
            trigger: ".modal .modal-footer button.btn-secondary",
            run: "click",
        },
        {
            trigger: "body:not(:has(.modal))",
        },
    ],
});
