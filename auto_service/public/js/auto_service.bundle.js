import "./new_client_dialog";
import "./search";
