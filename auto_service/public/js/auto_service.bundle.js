import "./new_client_dialog";
