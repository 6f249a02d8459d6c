import "./new_client_dialog";
import "./search";
import "./submit_labels";
import "./lead_sources";
import "./report_filters";
